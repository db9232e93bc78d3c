using System.Text.Json;
using CreatorStream.Core.Json;

namespace CreatorStream.Core.Configuration;

/// <summary>
/// The validated campaign configuration with lookups by id. Immutable after load; thread-safe for reads.
/// </summary>
public sealed class CampaignCatalog
{
    private readonly Dictionary<string, CampaignConfig> _byId;
    private readonly Dictionary<string, HashSet<string>> _creatorsByCampaign;

    private CampaignCatalog(CampaignCatalogDocument document)
    {
        Document = document;
        _byId = document.Campaigns.ToDictionary(c => c.CampaignId, StringComparer.Ordinal);
        _creatorsByCampaign = document.Campaigns.ToDictionary(
            c => c.CampaignId,
            c => c.Creators.Select(creator => creator.CreatorId).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public CampaignCatalogDocument Document { get; }

    public IReadOnlyList<CampaignConfig> Campaigns => Document.Campaigns;

    public static CampaignCatalog From(CampaignCatalogDocument document)
    {
        CampaignValidator.Validate(document);
        return new CampaignCatalog(document);
    }

    /// <summary>
    /// The campaigns of one brand, as a catalog of their own (a brand task's). Not validated again: this catalog was, as a
    /// whole, and a part of a valid file is valid.
    /// </summary>
    public CampaignCatalog OfBrand(string brandId) =>
        new(new CampaignCatalogDocument { Campaigns = [.. Campaigns.Where(c => c.BrandId == brandId)] });

    /// <summary>Parses and validates a configuration document; throws <see cref="ConfigurationException"/> naming the field.</summary>
    public static CampaignCatalog Parse(string json)
    {
        CampaignCatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, CoreJsonContext.Default.CampaignCatalogDocument);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, e.Message);
        }

        return From(document ?? throw new ConfigurationException("$", "the document is empty"));
    }

    public string ToJson() => JsonSerializer.Serialize(Document, CoreJsonContext.Default.CampaignCatalogDocument);

    public bool TryGet(string campaignId, out CampaignConfig campaign) => _byId.TryGetValue(campaignId, out campaign!);

    public bool HasCreator(string campaignId, string creatorId) =>
        _creatorsByCampaign.TryGetValue(campaignId, out var creators) && creators.Contains(creatorId);
}
