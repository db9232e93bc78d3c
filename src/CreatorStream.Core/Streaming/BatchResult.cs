using CreatorStream.Core.Alerts;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// What processing one micro-batch produced: the state delta to commit (alerts included, so they are stored
/// exactly once with the batch), the dead letters to publish first, and the windows it closed.
/// </summary>
public sealed class BatchResult(long wallClockMs)
{
    public StateDelta Delta { get; } = new() { WallClockMs = wallClockMs };

    public List<DeadLetter> DeadLetters { get; } = [];

    public List<ClosedWindow> ClosedWindows { get; } = [];

    /// <summary>
    /// Where this batch stands in its task's input (a brand task's: the offset after its last record), carried by its
    /// closed windows as their <c>version</c>: a later batch's windows have a higher one. A window published again by
    /// a worker that lost its partition without noticing carries its older version, so a consumer keeping the highest
    /// (version, sequence in the batch) of each window keeps the newer owner's correction (docs/design.md, "Exactly once"). 0 where nothing is
    /// published (replay).
    /// </summary>
    public long OutputVersion { get; set; }

    /// <summary>Engagements this batch moved out of the authentic figures: judged authentic before, revised now that their group showed itself.</summary>
    public List<Authenticity.RevisedEngagement> Revised { get; } = [];

    /// <summary>The alerts this batch raised (the same list as <see cref="StateDelta.Alerts"/>).</summary>
    public List<Alert> Alerts => Delta.Alerts;
}
