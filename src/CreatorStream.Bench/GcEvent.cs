namespace CreatorStream.Bench;

/// <summary>
/// One garbage collection the <see cref="GcSampler"/> saw: when it noticed it (monotonic timestamp), the generation,
/// whether it was a background (concurrent) gen2, whether it compacted, the time the program stood still (ms; a
/// background gen2's two short pauses summed), the heap after it and the bytes it promoted. Immutable.
/// </summary>
public readonly record struct GcEvent(long SeenTimestamp, int Generation, bool Background, bool Compacted, double PauseMs, long HeapBytes, long PromotedBytes);
