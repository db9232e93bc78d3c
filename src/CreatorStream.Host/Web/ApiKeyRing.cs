using System.Security.Cryptography;
using System.Text;
using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// The API keys that may read campaign data, held only as SHA-256 hashes, each covering all campaigns, some
/// campaigns, or the campaigns of some brands. Lookups hash the presented key and compare hashes in constant time,
/// so timing tells an attacker nothing about a key. Immutable; thread-safe.
/// </summary>
public sealed class ApiKeyRing(IReadOnlyList<ApiKeyEntry> entries)
{
    public static ApiKeyRing ForAllCampaigns(string key) => new([new ApiKeyEntry(Hash(key), Campaigns: null, Brands: null)]);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Every key, by hash (hub tokens name one of them).</summary>
    public IReadOnlyList<ApiKeyEntry> Entries => entries;

    /// <summary>Decides whether <paramref name="key"/> may read <paramref name="campaign"/> (or with <paramref name="creatorId"/>, that creator's own route of it).</summary>
    public AccessDecision Check(string? key, CampaignConfig? campaign, string campaignId, string? creatorId = null) =>
        Check(Find(key), presented: key is not null and not "", campaign, campaignId, creatorId);

    /// <summary>
    /// Decides whether the caller's key (<paramref name="entry"/>, null when none or an unknown one was presented:
    /// <paramref name="presented"/> tells which) may read <paramref name="campaign"/>: the whole campaign, or with
    /// <paramref name="creatorId"/> one creator's own route of it (a creator's key reads only those, and only its own:
    /// docs/design.md, "Creator keys").
    /// </summary>
    public static AccessDecision Check(ApiKeyEntry? entry, bool presented, CampaignConfig? campaign, string campaignId, string? creatorId = null)
    {
        if (entry is null)
        {
            return presented
                ? AccessDecision.Unauthorized(ApiKeys.InvalidReason)
                : AccessDecision.Unauthorized(ApiKeys.MissingReason);
        }

        if (campaign is null)
        {
            // Only a key that covers every campaign learns that a campaign does not exist; others get the same 403
            // as for a campaign they may not see, so ids cannot be probed.
            return entry.CoversAll
                ? AccessDecision.NotFound($"there is no campaign '{campaignId}'")
                : AccessDecision.Forbidden($"the API key does not give access to campaign '{campaignId}'");
        }

        if (!entry.Covers(campaign))
        {
            return AccessDecision.Forbidden($"the API key does not give access to campaign '{campaignId}'");
        }

        return entry.Creator switch
        {
            null => AccessDecision.Allowed,
            _ when creatorId is null => AccessDecision.Forbidden(
                $"this API key is creator '{entry.Creator}''s: it reads only /api/campaigns/{campaignId}/creators/{entry.Creator}/..., not the whole campaign"),
            _ when creatorId != entry.Creator => AccessDecision.Forbidden($"the API key does not give access to creator '{creatorId}'"),
            _ => AccessDecision.Allowed,
        };
    }

    /// <summary>Whether the key is one of ours at all (the hub refuses unknown keys before any join).</summary>
    public bool IsKnown(string? key) => Find(key) is not null;

    public IEnumerable<CampaignConfig> Visible(string? key, IEnumerable<CampaignConfig> campaigns) =>
        Find(key) is { } entry ? campaigns.Where(entry.Covers) : [];

    /// <summary>The entry of a key presented in clear, or null.</summary>
    public ApiKeyEntry? Find(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var presented = Hash(key);
        ApiKeyEntry? match = null;
        foreach (var entry in entries)
        {
            // No early exit: every entry is compared, so the time taken does not depend on which one matches.
            if (CryptographicOperations.FixedTimeEquals(presented, entry.Sha256))
            {
                match = entry;
            }
        }

        return match;
    }
}
