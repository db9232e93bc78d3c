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

    private List<ClosedWindow>? _closedWindows;
    private bool _windowsPublished;

    /// <summary>
    /// The windows this batch closed, in a list lent by a pool for the process (one minute's windows of a busy brand are
    /// a few hundred values of about 330 bytes); it goes back, emptied, once they are published
    /// (<see cref="WindowsPublished"/>), and reading it after that throws.
    /// </summary>
    public List<ClosedWindow> ClosedWindows => _windowsPublished
        ? throw new InvalidOperationException("this batch's windows are published: their list went back to its pool (BatchResult.WindowsPublished)")
        : _closedWindows ??= WindowLists.Rent();

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

    /// <summary>
    /// The batch's windows are published and nothing holds their list (a sink copies what it keeps): the list goes back
    /// to its pool, emptied, for a later batch. Called by the committer once the batch is wholly committed.
    /// </summary>
    public void WindowsPublished()
    {
        _windowsPublished = true;
        var windows = _closedWindows;
        _closedWindows = null;
        if (windows is not null)
        {
            WindowLists.Return(windows);
        }
    }

    /// <summary>The pool of window lists: touched twice a batch (a batch is processed on its task's thread and committed on another), under a lock.</summary>
    private static class WindowLists
    {
        /// <summary>Lists kept waiting: more than the batches a process has in flight between processing and commit.</summary>
        private const int MaxPooled = 8;

        /// <summary>A list with room for more windows than this is not kept: an outsize batch's room is not held for ever.</summary>
        private const int MaxKeptCapacity = 4_096;

        private static readonly Stack<List<ClosedWindow>> Pool = new();

        public static List<ClosedWindow> Rent()
        {
            lock (Pool)
            {
                return Pool.TryPop(out var windows) ? windows : [];
            }
        }

        public static void Return(List<ClosedWindow> windows)
        {
            if (windows.Capacity > MaxKeptCapacity)
            {
                return;
            }

            windows.Clear();
            lock (Pool)
            {
                if (Pool.Count < MaxPooled)
                {
                    Pool.Push(windows);
                }
            }
        }
    }
}
