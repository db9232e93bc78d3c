namespace CreatorStream.Core.State;

/// <summary>
/// Conversions (fractional) and revenue of one kind credited to a creator under one model, and how much of that credit
/// is for new customers (conversions that said <c>is_new_customer</c>). A mutable value: refunds add negative amounts.
/// </summary>
public struct KindCredit
{
    public double Conversions { get; private set; }

    public double Revenue { get; private set; }

    public double NewCustomers { get; private set; }

    public void Add(double conversions, double revenue, double newCustomers)
    {
        Conversions += conversions;
        Revenue += revenue;
        NewCustomers += newCustomers;
    }
}
