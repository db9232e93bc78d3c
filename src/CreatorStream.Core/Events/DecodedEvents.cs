namespace CreatorStream.Core.Events;

/// <summary>What a stage says of a decoded event it is done with (docs/design.md, "Per-event cost").</summary>
public static class DecodedEvents
{
    /// <summary>
    /// Nothing will read <paramref name="e"/> again: an audience event from a decoder that recycles goes back to its
    /// pool, to be filled with another record; any other event is left to the collector. Called once per decoded event,
    /// by the one stage that last holds it; a second call for the same event throws.
    /// </summary>
    public static void Release(StreamEvent e)
    {
        if (e is AudienceEvent { Pooling.Pool: { } pool } audience && Volatile.Read(ref s_holds) == 0)
        {
            pool.Return(audience);
        }
    }

    private static int s_holds;

    /// <summary>Holds taken and not yet let go (tests).</summary>
    internal static int Holds => Volatile.Read(ref s_holds);

    /// <summary>
    /// Until the returned hold is let go, a released event is left to the collector instead of going back to its pool:
    /// a snapshot written beside the stage reads waiting events the task may release meanwhile, and a pooled one would be
    /// filled with another record under it (decision 0033). Take it on the thread that releases the events, before it
    /// goes on; let it go from any thread, once.
    /// </summary>
    public static IDisposable Hold()
    {
        Interlocked.Increment(ref s_holds);
        return new Held();
    }

    private sealed class Held : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref s_holds);
            }
        }
    }
}
