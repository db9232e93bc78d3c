using System.Runtime.InteropServices;

namespace CreatorStream.Core.State;

/// <summary>
/// What one batch's conversions and refunds change in attribution, with the impressions and clicks per post and country
/// that credit by country is weighed against. Built by one thread, then read-only.
/// </summary>
public sealed class AttributionDelta
{
    public Dictionary<CreditKey, CreditSums> Credits { get; } = [];

    /// <summary>Credit by conversion kind per creator and model, with the new customers in it (docs/design.md, "Outcomes").</summary>
    public Dictionary<KindCreditKey, KindCredit> KindCredits { get; } = [];

    /// <summary>Orders by kind credited to each campaign and creator under any model, and their value net of refunds.</summary>
    public Dictionary<OrderKey, OrderSums> Orders { get; } = [];

    /// <summary>Credit per post and country under each model (touchpoints that carried a country; docs/design.md, "Recommendations").</summary>
    public Dictionary<CountryCreditKey, CreditSums> CountryCredits { get; } = [];

    /// <summary>Impressions and clicks per post and country, counted as they arrive.</summary>
    public Dictionary<PostCountryKey, CountryReach> CountryReach { get; } = [];

    /// <summary>Assisted conversions per creator (in a converting journey, not its last touch); refunds subtract.</summary>
    public Dictionary<CreatorRef, long> Assists { get; } = [];

    /// <summary>Conversions and revenue no model credits (negative for refunds of such conversions).</summary>
    public CreditSums Unattributed;

    /// <summary>Per campaign, whether data-driven credit still falls back to linear (too few conversions), as of this batch.</summary>
    public Dictionary<string, bool> DataDrivenFallback { get; } = [];

    /// <summary>Entries in all its dictionaries (how much room it holds; see <see cref="DeltaParts"/>).</summary>
    public int Entries => Credits.Count + KindCredits.Count + Orders.Count + CountryCredits.Count + CountryReach.Count + Assists.Count + DataDrivenFallback.Count;

    public bool IsEmpty => Entries == 0 && Unattributed.Conversions == 0 && Unattributed.Revenue == 0;

    /// <summary>Empties it for another batch, keeping its dictionaries' room.</summary>
    public void Clear()
    {
        Credits.Clear();
        KindCredits.Clear();
        Orders.Clear();
        CountryCredits.Clear();
        CountryReach.Clear();
        Assists.Clear();
        DataDrivenFallback.Clear();
        Unattributed = default;
    }

    public void Credit(CreditKey key, double conversions, double revenue)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(Credits, key, out _);
        sums.Add(conversions, revenue);
    }

    public void CreditKind(KindCreditKey key, double conversions, double revenue, double newCustomers, double qualified = 0, double won = 0)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(KindCredits, key, out _);
        sums.Add(conversions, revenue, newCustomers, qualified, won);
    }

    /// <summary>Adds to a scope's customer figures from its own credit of an order (docs/design.md, "Customer value").</summary>
    public void CreditCustomers(KindCreditKey key, double acquired, double acquiredRevenue, double returning, double repeatOwnRevenue)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(KindCredits, key, out _);
        sums.AddCustomers(acquired, acquiredRevenue, returning, repeatOwnRevenue);
    }

    /// <summary>Adds a repeat purchase to the acquiring scope's figures, at its share of the acquiring order.</summary>
    public void CreditRepeat(KindCreditKey key, byte windows, byte firstIn, double share, double revenue)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(KindCredits, key, out _);
        sums.AddRepeat(windows, firstIn, share, revenue);
    }

    public void CountOrder(OrderKey key, long count, double value)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(Orders, key, out _);
        sums.Add(count, value);
    }

    public void CreditCountry(CountryCreditKey key, double conversions, double revenue)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(CountryCredits, key, out _);
        sums.Add(conversions, revenue);
    }

    public void Reach(PostCountryKey key, long impressions, long clicks)
    {
        ref var reach = ref CollectionsMarshal.GetValueRefOrAddDefault(CountryReach, key, out _);
        reach.Add(impressions, clicks);
    }

    public void Assist(CreatorRef creator, long count) => CollectionsMarshal.GetValueRefOrAddDefault(Assists, creator, out _) += count;
}
