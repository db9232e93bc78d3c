using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// 64-bit keys for the classifier's tables (users, posts, identifiers), the same in every process so verdicts are
/// deterministic. A collision merges two keys, which at 64 bits is negligible. Stateless; thread-safe.
/// </summary>
internal static class KeyHash
{
    public static ulong Of(string text) => UserHash.Of(text);

    public static ulong Of(ReadOnlySpan<char> text) => UserHash.Of(text);

    public static ulong Combine(ulong a, ulong b) => UserHash.Mix(a ^ (b + 0x9E37_79B9_7F4A_7C15UL + (a << 6) + (a >> 2)));

    public static ulong Post(string campaignId, string creatorId, string contentId) =>
        Combine(Combine(Of(campaignId), Of(creatorId)), Of(contentId));
}
