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

#pragma warning disable CS8618 // the decoder's Reset sets every member
    /// <summary>An empty engagement, which the decoder fills (<see cref="Reset"/>) before anyone reads it.</summary>
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

    /// <summary>A new, empty engagement for the decoder to fill, or for <see cref="AudienceEventPool{T}"/>.</summary>
    internal static Engagement Empty() => new(empty: true);

    /// <summary>Sets every field of a decoded engagement, on an empty one or one from its pool.</summary>
    internal void Reset(in AudienceFields f, EngagementKind kind, string? commentText, int? accountAgeDays)
    {
        Reset(f);
        _kind = kind;
        _commentText = commentText;
        _accountAgeDays = accountAgeDays;
    }
}
