using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user liked, commented on, shared or saved a post (topic <c>creatorstream.engagements</c>).</summary>
public sealed record Engagement : AudienceEvent
{
    // Fields, not auto-properties, so that a pooled engagement is filled again (Reset); init-only from outside.
    private EngagementKind _kind;
    private string? _commentText;
    private int? _accountAgeDays;

    public Engagement()
    {
    }

    /// <summary>An event with its ids as keys, for the decoder (<see cref="StreamEvent(EventIdKey, EventIdKey, ulong)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Engagement(EventIdKey eventId, EventIdKey userId, ulong userKey)
        : base(eventId, userId, userKey)
    {
    }

    /// <summary>An empty engagement for a pool, which a decoder fills (<see cref="Reset"/>) before anyone reads it.</summary>
    [SetsRequiredMembers]
    private Engagement(bool empty)
    {
        _ = empty;
    }
#pragma warning restore CS8618

    public required EngagementKind Kind
    {
        get => _kind;
        init => _kind = value;
    }

    public string? CommentText
    {
        get => _commentText;
        init => _commentText = value;
    }

    public int? AccountAgeDays
    {
        get => _accountAgeDays;
        init => _accountAgeDays = value;
    }

    public override EventType Type => EventType.Engagement;

    /// <summary>A new, empty engagement for <see cref="AudienceEventPool{T}"/>.</summary>
    internal static Engagement Empty() => new(empty: true);

    /// <summary>Sets every field of a decoded engagement, on one from its pool.</summary>
    internal void Reset(in AudienceFields f, EngagementKind kind, string? commentText, int? accountAgeDays)
    {
        Reset(f);
        _kind = kind;
        _commentText = commentText;
        _accountAgeDays = accountAgeDays;
    }
}
