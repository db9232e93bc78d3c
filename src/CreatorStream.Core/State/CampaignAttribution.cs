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
