namespace CreatorStream.Core.State;

/// <summary>Attributed conversions (fractional) and revenue. A mutable value: refunds add negative amounts.</summary>
public struct CreditSums
{
    public double Conversions { get; private set; }

    public double Revenue { get; private set; }

    public void Add(double conversions, double revenue)
    {
        Conversions += conversions;
        Revenue += revenue;
    }
}
