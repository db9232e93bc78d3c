namespace CreatorStream.Core.Content;

/// <summary>
/// The content records a batch changed, each whole (the latest wins), by campaign and field: a store replaces them
/// (docs/design.md, "Content"). One per batch's delta.
/// </summary>
public sealed class ContentDelta
{
    public Dictionary<(string CampaignId, string Field), PostRecord> Posts { get; } = [];
    public Dictionary<(string CampaignId, string FlagId), ComplianceFlag> Flags { get; } = [];
    public Dictionary<(string CampaignId, string DeliverableId), DeliverableRecord> Deliverables { get; } = [];

    /// <summary>Each campaign's estimates beyond tracked links, made again (docs/design.md, "Estimates"): kept with the content, read the same way.</summary>
    public Dictionary<string, Estimates.CampaignEstimates> Estimates { get; } = new(StringComparer.Ordinal);

    /// <summary>Each campaign's commission statements, made again (docs/design.md, "Commissions"): kept with the content.</summary>
    public Dictionary<string, Commissions.CampaignCommissions> Commissions { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the campaigns whose content records this batch changed to <paramref name="campaigns"/>: posts, flags, deliverables, estimates, commissions, in that order.</summary>
    public void AddCampaignsTo(HashSet<string> campaigns)
    {
        foreach (var key in Posts.Keys)
        {
            campaigns.Add(key.CampaignId);
        }

        foreach (var key in Flags.Keys)
        {
            campaigns.Add(key.CampaignId);
        }

        foreach (var key in Deliverables.Keys)
        {
            campaigns.Add(key.CampaignId);
        }

        foreach (var campaignId in Estimates.Keys)
        {
            campaigns.Add(campaignId);
        }

        foreach (var campaignId in Commissions.Keys)
        {
            campaigns.Add(campaignId);
        }
    }
}
