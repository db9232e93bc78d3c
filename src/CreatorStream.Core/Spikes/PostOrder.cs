using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Spikes;

/// <summary>The fixed order in which detectors judge posts (campaign, creator, content, platform), so their alerts are deterministic. Pure.</summary>
internal static class PostOrder
{
    /// <summary>
    /// Fills <paramref name="sorted"/> (emptied first; the caller keeps it from minute to minute) with every key of
    /// <paramref name="tracked"/> and those of <paramref name="counted"/> it lacks, in the fixed order.
    /// </summary>
    public static void SortUnion<TTracked, TCounted>(List<AggregateKey> sorted, Dictionary<AggregateKey, TTracked> tracked, Dictionary<AggregateKey, TCounted> counted)
    {
        sorted.Clear();
        sorted.AddRange(tracked.Keys);
        foreach (var key in counted.Keys)
        {
            if (!tracked.ContainsKey(key))
            {
                sorted.Add(key);
            }
        }

        sorted.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.CampaignId, b.CampaignId);
            order = order != 0 ? order : string.CompareOrdinal(a.CreatorId, b.CreatorId);
            order = order != 0 ? order : string.CompareOrdinal(a.ContentId, b.ContentId);
            return order != 0 ? order : a.Platform.CompareTo(b.Platform);
        });
    }
}
