using CreatorStream.Core.State;

namespace CreatorStream.Core.Streaming;

/// <summary>What processing one micro-batch produced: the state delta to commit, the dead letters to publish first, and the windows it closed.</summary>
public sealed class BatchResult(long wallClockMs)
{
    public StateDelta Delta { get; } = new() { WallClockMs = wallClockMs };

    public List<DeadLetter> DeadLetters { get; } = [];

    public List<ClosedWindow> ClosedWindows { get; } = [];
}
