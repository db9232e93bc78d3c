using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Conversions;

/// <summary>One user's recent touchpoints, oldest first, with the user's id as first seen (one instance per user). Mutable; not thread-safe.</summary>
internal sealed class UserTouches(string userId)
{
    public string UserId { get; } = userId;

    public List<Touchpoint> Touches { get; } = [];
}
