namespace CreatorStream.Core.State;

/// <summary>One one-minute bucket of one aggregate as read from a store: its start, figures, and whether (when) a late event corrected it. Immutable.</summary>
public sealed record BucketView(long Start, AggregateView Figures, long? CorrectedAtMs);
