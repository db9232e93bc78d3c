namespace CreatorStream.Host.Composition;

/// <summary>
/// How far this worker's brand stage has committed each brand partition (the next offset, state and offset durable in
/// the store), told to its source stage in-process (docs/design.md, "Dataflow"). The source stage's hold otherwise
/// learns of the brand stage's progress only from Kafka's committed offsets, which follow the store's by the brand
/// consumer's auto-commit interval and the hold's polling: a feedback loop of 100–200 ms that left both stages idle in
/// turn (the brand stage waiting for frames the source stage held back). Other workers' brand stages are still known
/// only through Kafka. Thread-safe: the brand stage's commits write, the source stage's consume thread reads and waits.
/// </summary>
internal sealed class BrandProgress(int partitions)
{
    private readonly long[] _next = InitialOffsets(partitions);
    private readonly SemaphoreSlim _advanced = new(0, 1);

    public int Partitions => _next.Length;

    /// <summary>The next offset committed of <paramref name="partition"/> by this worker's brand stage; -1 if none yet.</summary>
    public long NextOf(int partition) => Volatile.Read(ref _next[partition]);

    /// <summary>This worker's brand stage committed <paramref name="partition"/> up to <paramref name="next"/> (never moves back).</summary>
    public void Advanced(int partition, long next)
    {
        var seen = Volatile.Read(ref _next[partition]);
        while (next > seen)
        {
            var was = Interlocked.CompareExchange(ref _next[partition], next, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }

        if (_advanced.CurrentCount == 0)
        {
            try
            {
                _advanced.Release(); // wakes a waiting hold; one signal is enough however many commits came
            }
            catch (SemaphoreFullException)
            {
                // Another commit signalled meanwhile.
            }
        }
    }

    /// <summary>Waits until a commit is told or <paramref name="timeout"/> passes; false on timeout or a stop.</summary>
    public bool WaitForAdvance(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return _advanced.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long[] InitialOffsets(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var next = new long[partitions];
        Array.Fill(next, -1);
        return next;
    }
}
