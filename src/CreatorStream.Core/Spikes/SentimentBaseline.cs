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

    /// <summary>EWMAs of negative and scored comments a minute with a long memory (<see cref="SlowAlpha"/>), for the binomial test.</summary>
    private double _slowNegatives;
    private double _slowComments;

    /// <summary>The long memory's weight: about a hundred minutes, so the usual share the binomial test assumes is not moved by a few noisy minutes.</summary>
    public const double SlowAlpha = 0.02;

    /// <summary>The usual share over the long memory; 0 before any comment (the caller's floor applies).</summary>
    public double SlowNegativeShare => _slowComments > 0 ? Math.Min(1, _slowNegatives / _slowComments) : 0;

    /// <summary>Minutes running whose mix had turned without a spike, kept out of the baseline (see <see cref="SentimentSpikeDetector"/>).</summary>
    public int TurnedMinutes { get; set; }

    /// <summary>Negative and scored comments over the current run of turned minutes (this one included), for the binomial test.</summary>
    public (long Negatives, long Comments) Run { get; set; }

    /// <summary>
    /// Learns the minute's scored comments (and, in the long memory, its negatives) when, and as, the negatives' baseline
    /// learnt its count (or restarted from it), so the usual share never drifts from the baseline it is read with.
    /// </summary>
    public void LearnIfLearnt(long negatives, long comments, double alpha)
    {
        if (!Negatives.LearntLast)
        {
            return;
        }

        Comments = Negatives.Minutes == 1 ? comments : Comments + (alpha * (comments - Comments));
        var first = _slowComments == 0 && _slowNegatives == 0;
        _slowNegatives = first ? negatives : _slowNegatives + (SlowAlpha * (negatives - _slowNegatives));
        _slowComments = first ? comments : _slowComments + (SlowAlpha * (comments - _slowComments));
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        Negatives.Save(writer);
        writer.Write(Comments);
        writer.Write(TurnedMinutes);
        writer.Write(Run.Negatives);
        writer.Write(Run.Comments);
        writer.Write(_slowNegatives);
        writer.Write(_slowComments);
    }

    public static SentimentBaseline Load(Snapshots.SnapshotReader reader) => new()
    {
        Negatives = KeyBaseline.Load(reader),
        Comments = reader.Double(),
        TurnedMinutes = reader.Int(),
        Run = (reader.Long(), reader.Long()),
        _slowNegatives = reader.Double(),
        _slowComments = reader.Double(),
    };
}
