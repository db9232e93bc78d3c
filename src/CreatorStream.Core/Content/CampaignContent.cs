namespace CreatorStream.Core.Content;

/// <summary>
/// A campaign's content records as stored (docs/design.md, "Content"); each list in a stable order. The campaign's
/// estimates beyond tracked links (docs/design.md, "Estimates") and commission statements (docs/design.md, "Commissions")
/// are stored and read with them: null until first made.
/// </summary>
public sealed record CampaignContent(
    IReadOnlyList<PostRecord> Posts,
    IReadOnlyList<ComplianceFlag> Flags,
    IReadOnlyList<DeliverableRecord> Deliverables,
    Estimates.CampaignEstimates? Estimates = null,
    Commissions.CampaignCommissions? Commissions = null)
{
    public static CampaignContent Empty { get; } = new([], [], []);

    /// <summary>Orders each list the same way whatever order a store returned it in.</summary>
    public static CampaignContent Of(IEnumerable<PostRecord> posts, IEnumerable<ComplianceFlag> flags, IEnumerable<DeliverableRecord> deliverables, Estimates.CampaignEstimates? estimates = null, Commissions.CampaignCommissions? commissions = null) => new(
        [.. posts.OrderBy(p => p.CreatorId, StringComparer.Ordinal).ThenBy(p => p.Platform, StringComparer.Ordinal).ThenBy(p => p.ContentId, StringComparer.Ordinal)],
        [.. flags.OrderBy(f => f.RaisedAt).ThenBy(f => f.FlagId, StringComparer.Ordinal)],
        [.. deliverables.OrderBy(d => d.Due).ThenBy(d => d.DeliverableId, StringComparer.Ordinal)],
        estimates,
        commissions);
}
