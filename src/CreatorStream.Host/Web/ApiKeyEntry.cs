using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// One API key, by hash, and what it covers: null sets mean "all campaigns". Its <paramref name="Role"/> says what it
/// may do beyond reading (<see cref="ApiKeyRoles"/>); its <paramref name="Name"/> says who acts with it in audit trails.
/// A key with a <paramref name="Creator"/> is that creator's (docs/design.md, "Creator keys"): it covers only the campaigns
/// (of its lists) that have the creator, and reads only the creator's own routes there, never a campaign-wide one.
/// </summary>
public sealed record ApiKeyEntry(byte[] Sha256, IReadOnlySet<string>? Campaigns, IReadOnlySet<string>? Brands, string? Name = null, string Role = ApiKeyRoles.Viewer, string? Creator = null)
{
    /// <summary>Whether the key reads every campaign whole (and so may learn that a campaign does not exist).</summary>
    public bool CoversAll => Campaigns is null && Brands is null && Creator is null;

    /// <summary>Whether the key may approve or reject commission statements of the campaigns it covers (docs/design.md, "Commissions").</summary>
    public bool MayApprove => Role == ApiKeyRoles.Approver;

    /// <summary>Who acts with this key: its name, or the first 12 hex digits of its hash when it has none.</summary>
    public string Actor => Name ?? $"key {Convert.ToHexStringLower(Sha256)[..12]}";

    public bool Covers(CampaignConfig campaign) =>
        (Creator is null || campaign.Creators.Any(c => c.CreatorId == Creator))
        && ((Campaigns is null && Brands is null)
            || (Campaigns?.Contains(campaign.CampaignId) ?? false)
            || (Brands?.Contains(campaign.BrandId) ?? false));
}

/// <summary>What a key may do beyond reading the campaigns it covers.</summary>
public static class ApiKeyRoles
{
    /// <summary>Reads figures and acts on compliance flags (the default).</summary>
    public const string Viewer = "viewer";

    /// <summary>Also approves and rejects commission statements: a person accountable for payouts.</summary>
    public const string Approver = "approver";

    public static readonly IReadOnlyList<string> All = [Viewer, Approver];
}
