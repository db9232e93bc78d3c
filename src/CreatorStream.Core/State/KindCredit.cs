namespace CreatorStream.Core.State;

/// <summary>
/// Conversions (fractional) and revenue of one kind credited to a creator under one model, how much of that credit is
/// for new customers (conversions that said <c>is_new_customer</c>), and, for leads, how much is for leads the brand's
/// CRM qualified and won (docs/design.md, "Outcomes"); and what the creator's customers did (docs/design.md, "Customer
/// value"): the credit of orders that acquired a customer and of orders from returning customers, and the repeat
/// purchases of the customers they acquired within 30, 90 and 180 days, credited at the acquiring order's shares. A
/// mutable value: refunds and status changes add negative amounts.
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

    /// <summary>Credited orders that acquired a customer: the customer's first order the brand's stream saw, not said to be a returning customer's.</summary>
    public double Acquired { get; private set; }

    public double AcquiredRevenue { get; private set; }

    /// <summary>Credited orders from customers who had bought before: seen earlier in the stream, or said so by the store.</summary>
    public double Returning { get; private set; }

    /// <summary>Revenue credited to the scope from orders that were repeats of a customer acquired in the stream (counted again, at the acquirer's shares, in the repeat figures).</summary>
    public double RepeatOwnRevenue { get; private set; }

    /// <summary>Customers the scope acquired who bought again within 30, 90 and 180 days of their first order (credit-weighted).</summary>
    public double RepeatCustomers30 { get; private set; }

    public double RepeatCustomers90 { get; private set; }

    public double RepeatCustomers180 { get; private set; }

    /// <summary>Revenue of those repeat purchases within 30, 90 and 180 days of the first order, at the acquiring order's shares.</summary>
    public double RepeatRevenue30 { get; private set; }

    public double RepeatRevenue90 { get; private set; }

    public double RepeatRevenue180 { get; private set; }

    public void Add(double conversions, double revenue, double newCustomers, double qualified = 0, double won = 0)
    {
        Conversions += conversions;
        Revenue += revenue;
        NewCustomers += newCustomers;
        Qualified += qualified;
        Won += won;
    }

    /// <summary>Adds to the customer figures of the scope's own credit.</summary>
    public void AddCustomers(double acquired, double acquiredRevenue, double returning, double repeatOwnRevenue)
    {
        Acquired += acquired;
        AcquiredRevenue += acquiredRevenue;
        Returning += returning;
        RepeatOwnRevenue += repeatOwnRevenue;
    }

    /// <summary>Adds a repeat purchase at the acquirer's share: its revenue in each window it falls in, and the customer in the windows named.</summary>
    /// <param name="windows">The windows (<see cref="RepeatWindows"/> bits) the purchase falls in.</param>
    /// <param name="firstIn">The windows whose repeating customer this adds (or, with a negative share, takes away).</param>
    /// <param name="share">The acquirer's share of the customer: negative to take the customer away.</param>
    /// <param name="revenue">The repeat's revenue at the acquirer's share (negative for a refund).</param>
    public void AddRepeat(byte windows, byte firstIn, double share, double revenue)
    {
        RepeatCustomers30 += (firstIn & RepeatWindows.Days30) != 0 ? share : 0;
        RepeatCustomers90 += (firstIn & RepeatWindows.Days90) != 0 ? share : 0;
        RepeatCustomers180 += (firstIn & RepeatWindows.Days180) != 0 ? share : 0;
        RepeatRevenue30 += (windows & RepeatWindows.Days30) != 0 ? revenue : 0;
        RepeatRevenue90 += (windows & RepeatWindows.Days90) != 0 ? revenue : 0;
        RepeatRevenue180 += (windows & RepeatWindows.Days180) != 0 ? revenue : 0;
    }

    public void Add(in KindCredit other)
    {
        Add(other.Conversions, other.Revenue, other.NewCustomers, other.Qualified, other.Won);
        AddCustomers(other.Acquired, other.AcquiredRevenue, other.Returning, other.RepeatOwnRevenue);
        RepeatCustomers30 += other.RepeatCustomers30;
        RepeatCustomers90 += other.RepeatCustomers90;
        RepeatCustomers180 += other.RepeatCustomers180;
        RepeatRevenue30 += other.RepeatRevenue30;
        RepeatRevenue90 += other.RepeatRevenue90;
        RepeatRevenue180 += other.RepeatRevenue180;
    }
}
