using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>Builds the events of a post and a person, filling the fields every audience event shares.</summary>
internal static class EventFactory
{
    public static Impression Impression(string eventId, long ts, Post post, in AudienceMember who) => new()
    {
        EventId = eventId,
        Ts = ts,
        UserId = who.UserId,
        CampaignId = post.Creator.Campaign.CampaignId,
        CreatorId = post.Creator.CreatorId,
        Platform = post.Platform,
        ContentId = post.ContentId,
        IpHash = who.IpHash,
        DeviceId = DeviceOf(post, who),
        UserAgentHash = who.UserAgentHash,
        Country = who.Country,
        ContentFormat = post.Format,
    };

    public static Engagement Engagement(string eventId, long ts, Post post, in AudienceMember who, EngagementKind kind, string? comment) => new()
    {
        EventId = eventId,
        Ts = ts,
        UserId = who.UserId,
        CampaignId = post.Creator.Campaign.CampaignId,
        CreatorId = post.Creator.CreatorId,
        Platform = post.Platform,
        ContentId = post.ContentId,
        IpHash = who.IpHash,
        DeviceId = DeviceOf(post, who),
        UserAgentHash = who.UserAgentHash,
        Country = who.Country,
        Kind = kind,
        CommentText = kind == EngagementKind.Comment ? comment : null,
        AccountAgeDays = who.AccountAgeDays,
    };

    public static Click Click(string eventId, long ts, Post post, in AudienceMember who, long dwellMs, int pages, bool affiliate) => new()
    {
        EventId = eventId,
        Ts = ts,
        UserId = who.UserId,
        CampaignId = post.Creator.Campaign.CampaignId,
        CreatorId = post.Creator.CreatorId,
        Platform = post.Platform,
        ContentId = post.ContentId,
        IpHash = who.IpHash,
        DeviceId = DeviceOf(post, who),
        UserAgentHash = who.UserAgentHash,
        Country = who.Country,
        LinkId = post.LinkId,
        UtmSource = WireNames.Of(post.Platform),
        UtmMedium = "influencer",
        UtmCampaign = post.Creator.Campaign.CampaignId,
        UtmContent = post.ContentId,
        AffiliateId = affiliate ? "aff-" + post.Creator.CreatorId : null,
        DwellMs = dwellMs,
        Pages = pages,
    };

    private static string? DeviceOf(Post post, in AudienceMember who) => PlatformTraits.ReportsDevice(post.Platform) ? who.DeviceId : null;
}
