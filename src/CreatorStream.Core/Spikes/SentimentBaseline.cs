namespace CreatorStream.Core.Spikes;

/// <summary>
/// What one post's comments usually are, for <see cref="SentimentSpikeDetector"/>: negative comments a minute (a
/// <see cref="KeyBaseline"/>, with its spike episodes) and scored comments a minute (an EWMA of the mean), whose ratio is
/// the post's usual negative share. Mutable; owned by one detector.
/// </summary>
internal sealed class SentimentBaseline
{
    public KeyBaseline Negatives { get; private init; } = new();

    /// <summary>EWMA of scored comments a minute, learnt from the minutes the negatives' baseline learns from.</summary>
    public double Comments { get; private set; }

    /// <summary>Negative comments as a share of scored ones, as usual; 0 before any comment.</summary>
    public double NegativeShare => Comments > 0 ? Math.Min(1, Negatives.Mean / Comments) : 0;

    /// <summary>Minutes running whose mix had turned without a spike, kept out of the baseline (see <see cref="SentimentSpikeDetector"/>).</summary>
    public int TurnedMinutes { get; set; }

    public void LearnComments(long comments, double alpha, bool first) =>
        Comments = first ? comments : Comments + (alpha * (comments - Comments));

    public void Save(Snapshots.SnapshotWriter writer)
    {
        Negatives.Save(writer);
        writer.Write(Comments);
        writer.Write(TurnedMinutes);
    }

    public static SentimentBaseline Load(Snapshots.SnapshotReader reader) => new()
    {
        Negatives = KeyBaseline.Load(reader),
        Comments = reader.Double(),
        TurnedMinutes = reader.Int(),
    };
}
