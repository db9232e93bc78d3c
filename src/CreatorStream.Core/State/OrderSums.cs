namespace CreatorStream.Core.State;

/// <summary>
/// Orders counted and their value net of refunds: a refund takes its share of the value back, the order still counts
/// (it happened). A mutable value.
/// </summary>
public struct OrderSums
{
    public long Count { get; private set; }

    public double Value { get; private set; }

    public void Add(long count, double value)
    {
        Count += count;
        Value += value;
    }
}
