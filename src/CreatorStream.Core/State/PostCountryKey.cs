using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>A campaign's post, on one platform, as seen by one country's audience (docs/design.md, "Recommendations").</summary>
public readonly record struct PostCountryKey(string CampaignId, string CreatorId, string ContentId, Platform Platform, string Country);
