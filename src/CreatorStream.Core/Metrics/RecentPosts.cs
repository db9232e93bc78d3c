using System.Runtime.CompilerServices;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// What a component works out from a post's ids (its aggregate keys, its index in a table), kept for the posts seen
/// last and found again by the ids' references, not their characters (docs/design.md, "Per-event cost"). The decoder
/// gives every event of a post the same pooled strings for its campaign, creator and content ids, so an event of a post
/// seen lately finds its value with three reference comparisons instead of hashing the ids' characters again (the
/// three to-date keys alone hash six strings). An id that is equal but another instance (an id past the decoder's pool,
/// a snapshot's) is simply not found, and its caller works the value out as before: a value found here is always the
/// one it would have worked out.
/// </summary>
/// <remarks>
/// Direct-mapped by the content id's identity hash, <see cref="Slots"/> slots; a post evicts the one before it in its
/// slot. Only for values that never change once worked out for a post. Mutable; not thread-safe: one per component.
/// </remarks>
internal sealed class RecentPosts<T>
{
    /// <summary>Posts kept: a brand's busy posts fit, a slot is a few cache lines at most.</summary>
    public const int Slots = 128;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The value kept for the post with exactly these id instances and platform, if it is kept.</summary>
    public bool TryGet(string campaignId, string creatorId, string contentId, Platform platform, out T value)
    {
        ref readonly var entry = ref _entries[SlotOf(contentId)];
        if (ReferenceEquals(entry.Content, contentId) && ReferenceEquals(entry.Creator, creatorId)
            && ReferenceEquals(entry.Campaign, campaignId) && entry.Platform == platform)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> for the post with these id instances and platform, in place of its slot's post.</summary>
    public void Set(string campaignId, string creatorId, string contentId, Platform platform, T value) =>
        _entries[SlotOf(contentId)] = new Entry(campaignId, creatorId, contentId, platform, value);

    /// <summary>Forgets every post, for a component whose tables were replaced (a restore).</summary>
    public void Clear() => Array.Clear(_entries);

    private static int SlotOf(string contentId) => RuntimeHelpers.GetHashCode(contentId) & (Slots - 1);

    private readonly record struct Entry(string? Campaign, string? Creator, string? Content, Platform Platform, T Value);
}
