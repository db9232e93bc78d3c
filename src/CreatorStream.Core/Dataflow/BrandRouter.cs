using System.Text;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Where an event is judged: every event belongs to one brand (an audience event through its campaign, a conversion by
/// its <c>brand_id</c>), and each brand is owned by one partition of the internal topic <c>creatorstream.by-brand</c>,
/// hence by one brand task (docs/design.md, "Dataflow"). The partition of a brand is FNV-1a (64 bits) of its UTF-8 id
/// modulo the partition count: part of the stored layout, so it must never change for a deployment's data.
/// Immutable; thread-safe.
/// </summary>
public sealed class BrandRouter
{
    private readonly Dictionary<string, string> _brandOfCampaign;
    private readonly Dictionary<string, int> _partitionOfBrand = new(StringComparer.Ordinal);

    public BrandRouter(CampaignCatalog catalog, int partitions)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Partitions = partitions;
        _brandOfCampaign = catalog.Campaigns.ToDictionary(c => c.CampaignId, c => c.BrandId, StringComparer.Ordinal);
        foreach (var brand in catalog.Campaigns.Select(c => c.BrandId).Distinct(StringComparer.Ordinal))
        {
            _partitionOfBrand[brand] = PartitionOf(brand, partitions);
        }
    }

    /// <summary>Partitions of the brand topic (and brand tasks).</summary>
    public int Partitions { get; }

    /// <summary>The brand ids of the catalog.</summary>
    public IEnumerable<string> Brands => _partitionOfBrand.Keys;

    /// <summary>The brand an event belongs to; null for an audience event or post of an unknown campaign.</summary>
    public string? BrandOf(StreamEvent e) => e switch
    {
        AudienceEvent a => _brandOfCampaign.GetValueOrDefault(a.CampaignId),
        Conversion c => c.BrandId,
        LeadUpdate u => u.BrandId,
        SiteSession s => s.BrandId,
        PostEvent p => _brandOfCampaign.GetValueOrDefault(p.CampaignId),
        Insight i => _brandOfCampaign.GetValueOrDefault(i.CampaignId),
        _ => null,
    };

    /// <summary>The brand of a configured campaign.</summary>
    public string BrandOfCampaign(string campaignId) => _brandOfCampaign[campaignId];

    /// <summary>The brand partition that owns <paramref name="brandId"/>.</summary>
    public int PartitionOf(string brandId) =>
        _partitionOfBrand.TryGetValue(brandId, out var partition) ? partition : PartitionOf(brandId, Partitions);

    /// <summary>FNV-1a of the UTF-8 bytes, modulo <paramref name="partitions"/>: stable across processes and versions.</summary>
    public static int PartitionOf(string brandId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(brandId);
        var hash = 14_695_981_039_346_656_037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(brandId) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(brandId, buffer)] : Encoding.UTF8.GetBytes(brandId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1_099_511_628_211UL;
        }

        return (int)(hash % (ulong)partitions);
    }
}
