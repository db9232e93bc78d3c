namespace CreatorStream.Core.State;

/// <summary>Attributed conversions (fractional) and revenue. A mutable value: refunds add negative amounts.</summary>
public struct CreditSums
{
    public double Conversions;
    public double Revenue;

    public void Add(double conversions, double revenue)
    {
        Conversions += conversions;
        Revenue += revenue;
    }
}
