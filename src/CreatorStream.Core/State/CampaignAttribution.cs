using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>
/// A campaign's attribution to date: credit per creator and per post under each model, assisted conversions per
/// creator, and whether data-driven credit is still the linear fallback. Immutable.
/// </summary>
public sealed record CampaignAttribution(
    IReadOnlyDictionary<(string CreatorId, string Model), CreditSums> Creators,
    IReadOnlyDictionary<(string ContentId, string Model), CreditSums> Content,
    IReadOnlyDictionary<string, long> Assists,
    bool DataDrivenFallback)
{
    public static CampaignAttribution Empty { get; } = new(
        new Dictionary<(string, string), CreditSums>(),
        new Dictionary<(string, string), CreditSums>(),
        new Dictionary<string, long>(),
        DataDrivenFallback: true);

    /// <summary>Credit by conversion kind per creator and model, with its new customers (docs/design.md, "Outcomes").</summary>
    public IReadOnlyDictionary<(string CreatorId, ConversionKind Kind, string Model), KindCredit> ByKind { get; init; } =
        new Dictionary<(string, ConversionKind, string), KindCredit>();

    /// <summary>Orders by kind credited under any model, per creator and (creator id empty) for the whole campaign.</summary>
    public IReadOnlyDictionary<(string CreatorId, ConversionKind Kind), OrderSums> Orders { get; init; } =
        new Dictionary<(string, ConversionKind), OrderSums>();

    /// <summary>
    /// Credit per post and country under each model (docs/design.md, "Recommendations"): the share of a post's credit
    /// whose touchpoints came from that country's audience. Touchpoints without a country count for none.
    /// </summary>
    public IReadOnlyDictionary<(string ContentId, string Country, string Model), CreditSums> ByCountry { get; init; } =
        new Dictionary<(string, string, string), CreditSums>();

    /// <summary>Impressions and clicks per post (on a platform) and country: what credit by country is weighed against.</summary>
    public IReadOnlyDictionary<(string CreatorId, string ContentId, Platform Platform, string Country), CountryReach> CountryReach { get; init; } =
        new Dictionary<(string, string, Platform, string), CountryReach>();

    /// <summary>A creator's credit of one kind under one model (zero when none).</summary>
    public KindCredit KindFor(string creatorId, ConversionKind kind, string model) => ByKind.GetValueOrDefault((creatorId, kind, model));

    /// <summary>A creator's orders of one kind, or the campaign's with an empty <paramref name="creatorId"/> (zero when none).</summary>
    public OrderSums OrdersFor(string creatorId, ConversionKind kind) => Orders.GetValueOrDefault((creatorId, kind));

    /// <summary>A creator's credit under one model (zero when none).</summary>
    public CreditSums For(string creatorId, string model) => Creators.GetValueOrDefault((creatorId, model));

    /// <summary>The campaign's total credit under one model: the sum over its creators.</summary>
    public CreditSums Total(string model)
    {
        var total = default(CreditSums);
        foreach (var ((_, creditModel), sums) in Creators)
        {
            if (creditModel == model)
            {
                total.Add(sums.Conversions, sums.Revenue);
            }
        }

        return total;
    }
}
