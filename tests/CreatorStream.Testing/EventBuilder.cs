using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Testing;

/// <summary>Builds events and raw records for tests, with defaults for every field a test does not care about.</summary>
public static class EventBuilder
{
    /// <summary>2026-01-01T00:00:00Z: a fixed, minute-aligned epoch for hand-computed cases.</summary>
    public const long T0 = 1_767_225_600_000;

    private static long _next;

    public static string NextId(string prefix = "e") => $"{prefix}-{Interlocked.Increment(ref _next)}";

    /// <summary>
    /// <paramref name="e"/> as decoding its JSON gives it: an audience event keeps its ip_hash, device_id and
    /// user_agent_hash as their keys alone, without their text (<see cref="IdentifierKey"/>); other events are unchanged.
    /// </summary>
    public static T AsDecoded<T>(T e)
        where T : StreamEvent =>
        e is AudienceEvent a
            ? (T)(StreamEvent)(a with { IpHash = null, DeviceId = null, UserAgentHash = null, IpKey = a.IpKey, DeviceKey = a.DeviceKey, UserAgentKey = a.UserAgentKey })
            : e;

    public static Impression Impression(string user, long ts, string creator = "anna", string content = "post-1", Platform platform = Platform.Instagram, string campaign = "spring", string? id = null) => new()
    {
        EventId = id ?? NextId("imp"),
        Ts = ts,
        UserId = user,
        CampaignId = campaign,
        CreatorId = creator,
        Platform = platform,
        ContentId = content,
        ContentFormat = ContentFormat.Reel,
    };

    public static Engagement Engagement(string user, long ts, EngagementKind kind = EngagementKind.Like, string creator = "anna", string content = "post-1", Platform platform = Platform.Instagram, string campaign = "spring", string? id = null) => new()
    {
        EventId = id ?? NextId("eng"),
        Ts = ts,
        UserId = user,
        CampaignId = campaign,
        CreatorId = creator,
        Platform = platform,
        ContentId = content,
        Kind = kind,
    };

    public static Click Click(string user, long ts, string creator = "anna", string content = "post-1", Platform platform = Platform.Instagram, string campaign = "spring", string? id = null) => new()
    {
        EventId = id ?? NextId("clk"),
        Ts = ts,
        UserId = user,
        CampaignId = campaign,
        CreatorId = creator,
        Platform = platform,
        ContentId = content,
        LinkId = "lnk-" + creator,
    };

    public static Conversion Conversion(string user, long ts, decimal value = 50m, string brand = "acme", string? campaign = "spring", string? id = null) => new()
    {
        EventId = id ?? NextId("cnv"),
        Ts = ts,
        UserId = user,
        BrandId = brand,
        OrderId = "order-" + (id ?? NextId("o")),
        Kind = ConversionKind.Purchase,
        Value = value,
        Currency = "USD",
        CampaignId = campaign,
    };

    /// <summary>One JSON Lines line (with the <c>type</c> field) for an event.</summary>
    /// <summary>A site session of brand acme that began at <paramref name="startedAt"/> and is reported when it ended.</summary>
    public static SiteSession Session(string user, long startedAt, long durationMs, int pageviews, bool bounced, string? click = null, string? link = null, string? id = null) => new()
    {
        EventId = id ?? NextId("ses"),
        Ts = startedAt + durationMs,
        UserId = user,
        BrandId = "acme",
        SessionId = "site-" + (id ?? NextId("s")),
        ClickEventId = click,
        LinkId = link,
        StartedAt = startedAt,
        DurationMs = durationMs,
        Pageviews = pageviews,
        Bounced = bounced,
    };

    public static PostEvent Post(
        string content,
        long ts,
        string? caption,
        string creator = "anna",
        PostAction action = PostAction.Published,
        Platform platform = Platform.Instagram,
        ContentFormat format = ContentFormat.Reel,
        string campaign = "spring",
        string[]? links = null,
        bool? label = null) => new()
        {
            EventId = NextId("post"),
            Ts = ts,
            UserId = creator,
            CampaignId = campaign,
            CreatorId = creator,
            Platform = platform,
            ContentId = content,
            ContentFormat = format,
            Action = action,
            PublishedAt = action == PostAction.Published ? ts : ts - 60_000,
            Caption = caption,
            Links = links ?? [],
            PaidPartnershipLabel = label,
        };

    public static byte[] Line(StreamEvent e) => EventWriter.ToUtf8(e, includeType: true);

    /// <summary>A raw record on <paramref name="partition"/> at <paramref name="offset"/>, as a consumer would hand it over.</summary>
    public static InboundRecord Record(StreamEvent e, long offset, int partition = 0) =>
        new(new SourcePartition("test", partition), offset, null, System.Text.Encoding.UTF8.GetBytes(e.UserId), Line(e));

    public static InboundRecord Raw(string text, long offset, int partition = 0) =>
        new(new SourcePartition("test", partition), offset, null, ReadOnlyMemory<byte>.Empty, System.Text.Encoding.UTF8.GetBytes(text));

    public static RecordBatch Batch(long wallClockMs, params InboundRecord[] records) => new(records, wallClockMs);
}
