using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Spikes;

/// <summary>The fixed order in which detectors judge posts (campaign, creator, content, platform), so their alerts are deterministic. Pure.</summary>
internal static class PostOrder
{
    public static List<AggregateKey> Sorted(IEnumerable<AggregateKey> keys)
    {
        var sorted = keys.ToList();
        sorted.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.CampaignId, b.CampaignId);
            order = order != 0 ? order : string.CompareOrdinal(a.CreatorId, b.CreatorId);
            order = order != 0 ? order : string.CompareOrdinal(a.ContentId, b.ContentId);
            return order != 0 ? order : a.Platform.CompareTo(b.Platform);
        });
        return sorted;
    }
}
