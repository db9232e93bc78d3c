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
        if (e is AudienceEvent { Pooling.Pool: { } pool } audience)
        {
            pool.Return(audience);
        }
    }
}
