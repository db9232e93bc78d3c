namespace CreatorStream.Core.State;

/// <summary>
/// One period (an hour or a day) of an aggregate's long series as read from a store: the sums of its one-minute buckets'
/// counts, corrections included. Reach is not kept per period (docs/design.md, "Trends"). Immutable.
/// </summary>
public readonly record struct PeriodView(long Start, Metrics.Counters Counters);
