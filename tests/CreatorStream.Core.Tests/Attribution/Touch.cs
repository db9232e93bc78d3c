using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>Touchpoint builders for the attribution tests. Stateless.</summary>
internal static class Touch
{
    public const long Hour = 3_600_000;
    public const long Day = 24 * Hour;

    /// <summary>The conversion time used by the hand-computed cases: 2025-01-31T00:00Z.</summary>
    public const long ConversionTs = 1_738_281_600_000;

    /// <summary>A view of <paramref name="creator"/>'s post <paramref name="hoursBefore"/> hours before <see cref="ConversionTs"/>.</summary>
    public static Touchpoint Before(string creator, double hoursBefore, string? content = null) =>
        At(creator, ConversionTs - (long)(hoursBefore * Hour), content: content);

    public static Touchpoint At(
        string creator,
        long ts,
        string? eventId = null,
        string campaign = "camp-1",
        string? content = null,
        TouchKind kind = TouchKind.View) =>
        new(campaign, creator, content ?? $"{creator}-post", ts, eventId ?? $"{creator}@{ts}", kind);
}
