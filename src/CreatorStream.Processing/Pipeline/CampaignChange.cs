using CreatorStream.Core.Metrics;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// A committed batch changed a campaign: its watermark after the batch, when the batch was formed, and the aggregates it
/// wrote (<see cref="Touched"/>), so a reader that keeps views re-reads only those (docs/design.md, "Serving").
/// </summary>
public sealed record CampaignChange(string CampaignId, long Watermark, long CommittedAtMs)
{
    /// <summary>
    /// Every aggregate of the campaign the batch wrote, to date and per minute; null when not known (a notice from an
    /// older worker, or more than <see cref="MaxTouched"/>): a reader then re-reads the whole campaign.
    /// </summary>
    public IReadOnlyCollection<AggregateKey>? Touched { get; init; }

    /// <summary>More touched aggregates than this travel as "everything" (a notice stays small; a whole re-read is rare).</summary>
    public const int MaxTouched = 4_096;

    /// <summary>The change notices of one committed batch, one per campaign it changed.</summary>
    public static IEnumerable<CampaignChange> Of(Core.State.StateDelta delta)
    {
        var touched = new Dictionary<string, List<AggregateKey>>(StringComparer.Ordinal);
        foreach (var key in delta.Aggregates.Keys)
        {
            if (!touched.TryGetValue(key.CampaignId, out var keys))
            {
                keys = [];
                touched.Add(key.CampaignId, keys);
            }

            keys.Add(key);
        }

        // Every campaign with a figure written is told, even one whose totals the batch left alone (a revision of a past minute).
        foreach (var campaignId in delta.Campaigns.Union(touched.Keys))
        {
            var keys = touched.GetValueOrDefault(campaignId);
            yield return new CampaignChange(campaignId, delta.Watermark, delta.WallClockMs)
            {
                Touched = keys is null ? [] : keys.Count > MaxTouched ? null : keys,
            };
        }
    }
}
