namespace CreatorStream.Core.State;

/// <summary>
/// Conversions (fractional) and revenue of one kind credited to a creator under one model, how much of that credit is
/// for new customers (conversions that said <c>is_new_customer</c>), and, for leads, how much is for leads the brand's
/// CRM qualified and won (docs/design.md, "Outcomes"). A mutable value: refunds and status changes add negative amounts.
/// </summary>
public struct KindCredit
{
    public double Conversions { get; private set; }

    public double Revenue { get; private set; }

    public double NewCustomers { get; private set; }

    /// <summary>Credited leads whose latest status is qualified or won.</summary>
    public double Qualified { get; private set; }

    /// <summary>Credited leads whose latest status is won.</summary>
    public double Won { get; private set; }

    public void Add(double conversions, double revenue, double newCustomers, double qualified = 0, double won = 0)
    {
        Conversions += conversions;
        Revenue += revenue;
        NewCustomers += newCustomers;
        Qualified += qualified;
        Won += won;
    }

    public void Add(in KindCredit other) => Add(other.Conversions, other.Revenue, other.NewCustomers, other.Qualified, other.Won);
}
