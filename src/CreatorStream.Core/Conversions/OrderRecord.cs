using CreatorStream.Core.State;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// How one order was credited, kept so that a refund reverses exactly that credit in the same proportions.
/// Mutable only in <see cref="RefundedShare"/>.
/// </summary>
internal sealed class OrderRecord(double value, long ts, IReadOnlyList<(CreditKey Key, double Share)> credits, IReadOnlyList<CreatorRef> assists)
{
    public double Value { get; } = value;

    public long Ts { get; } = ts;

    /// <summary>Each credited (campaign, creator, post, model) and its share of the conversion; empty when unattributed.</summary>
    public IReadOnlyList<(CreditKey Key, double Share)> Credits { get; } = credits;

    public IReadOnlyList<CreatorRef> Assists { get; } = assists;

    /// <summary>How much of the order has been refunded so far, 0 to 1.</summary>
    public double RefundedShare { get; set; }
}
