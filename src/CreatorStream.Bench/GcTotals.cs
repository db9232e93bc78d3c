namespace CreatorStream.Bench;

/// <summary>Collections per generation and the total pause between two moments, from the runtime's own counters. Immutable.</summary>
public readonly record struct GcTotals(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcTotals Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcTotals operator -(GcTotals a, GcTotals b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Pause - b.Pause);
}
