using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Trends;

/// <summary>The summed counts of the hours in [<see cref="From"/>, <see cref="To"/>) (ms). Immutable.</summary>
public sealed record PeriodFigures(long From, long To, Counters Counters);
