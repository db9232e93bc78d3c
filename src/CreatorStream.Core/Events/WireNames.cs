namespace CreatorStream.Core.Events;

/// <summary>
/// Enum values to and from their wire names, without reflection: the decoder calls these per event.
/// Parsing compares UTF-8 bytes, so no string is allocated for a known value.
/// </summary>
public static class WireNames
{
    private static readonly string[] Platforms = ["instagram", "tiktok", "youtube", "facebook", "x", "twitch", "blog", "podcast", "other"];
    private static readonly string[] Formats = ["reel", "story", "video", "short", "carousel", "post", "live", "article", "episode", "other"];
    private static readonly string[] EngagementKinds = ["like", "comment", "share", "save"];
    private static readonly string[] ConversionKinds = ["purchase", "signup", "lead", "download", "install"];
    private static readonly string[] EventTypes = ["impression", "engagement", "click", "conversion", "lead_update", "session", "post", "insight"];
    private static readonly string[] LeadStatuses = ["new", "qualified", "disqualified", "won"];
    private static readonly string[] ReferrerClasses = ["social", "search", "direct", "email", "referral", "paid", "other", "coupon"];
    private static readonly string[] PostActions = ["published", "edited", "deleted"];

    private static readonly byte[][] PlatformBytes = ToUtf8(Platforms);
    private static readonly byte[][] FormatBytes = ToUtf8(Formats);
    private static readonly byte[][] EngagementKindBytes = ToUtf8(EngagementKinds);
    private static readonly byte[][] ConversionKindBytes = ToUtf8(ConversionKinds);
    private static readonly byte[][] EventTypeBytes = ToUtf8(EventTypes);
    private static readonly byte[][] LeadStatusBytes = ToUtf8(LeadStatuses);
    private static readonly byte[][] ReferrerClassBytes = ToUtf8(ReferrerClasses);
    private static readonly byte[][] PostActionBytes = ToUtf8(PostActions);

    public static string Of(Platform value) => Platforms[(int)value];
    public static string Of(ContentFormat value) => Formats[(int)value];
    public static string Of(EngagementKind value) => EngagementKinds[(int)value];
    public static string Of(ConversionKind value) => ConversionKinds[(int)value];
    public static string Of(EventType value) => EventTypes[(int)value];
    public static string Of(LeadStatus value) => LeadStatuses[(int)value];
    public static string Of(ReferrerClass value) => ReferrerClasses[(int)value];
    public static string Of(PostAction value) => PostActions[(int)value];

    /// <summary>All event types' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllEventTypes => EventTypes;

    /// <summary>All lead statuses' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllLeadStatuses => LeadStatuses;

    /// <summary>All referrer classes' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllReferrerClasses => ReferrerClasses;

    /// <summary>All post actions' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllPostActions => PostActions;

    /// <summary>All content formats' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllContentFormats => Formats;

    /// <summary>All platforms' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllPlatforms => Platforms;

    /// <summary>All engagement kinds' wire names, in enum order.</summary>
    public static IReadOnlyList<string> AllEngagementKinds => EngagementKinds;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Platform value) => TryFind(PlatformBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ContentFormat value) => TryFind(FormatBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out EngagementKind value) => TryFind(EngagementKindBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ConversionKind value) => TryFind(ConversionKindBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out EventType value) => TryFind(EventTypeBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out LeadStatus value) => TryFind(LeadStatusBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ReferrerClass value) => TryFind(ReferrerClassBytes, utf8, out value);
    public static bool TryParse(ReadOnlySpan<byte> utf8, out PostAction value) => TryFind(PostActionBytes, utf8, out value);

    /// <summary>Parses a content format's wire name (for configuration, not the hot path).</summary>
    public static bool TryParseContentFormat(string text, out ContentFormat value) =>
        TryFind(FormatBytes, System.Text.Encoding.UTF8.GetBytes(text), out value);

    /// <summary>Parses a platform's wire name (for configuration, not the hot path).</summary>
    public static bool TryParsePlatform(string text, out Platform value) =>
        TryFind(PlatformBytes, System.Text.Encoding.UTF8.GetBytes(text), out value);

    /// <summary>Parses an engagement kind's wire name (for configuration, not the hot path).</summary>
    public static bool TryParseEngagementKind(string text, out EngagementKind value) =>
        TryFind(EngagementKindBytes, System.Text.Encoding.UTF8.GetBytes(text), out value);

    private static bool TryFind<T>(byte[][] names, ReadOnlySpan<byte> utf8, out T value)
        where T : struct, Enum
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (utf8.SequenceEqual(names[i]))
            {
                var index = (byte)i; // every enum here is byte-backed, so this reinterpretation is exact
                value = System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref index);
                return true;
            }
        }

        value = default;
        return false;
    }

    private static byte[][] ToUtf8(string[] names) => [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];
}
