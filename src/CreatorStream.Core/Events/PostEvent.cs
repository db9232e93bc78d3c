namespace CreatorStream.Core.Events;

/// <summary>
/// A creator's post published, edited or deleted (topic <c>creatorstream.posts</c>), as the platform or the creator's
/// tooling reported it: what deliverables count and what compliance judges (docs/design.md, "Content").
/// <see cref="StreamEvent.UserId"/> is the posting account, the creator id when the record names none.
/// </summary>
public sealed record PostEvent : StreamEvent
{
    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required Platform Platform { get; init; }
    public required string ContentId { get; init; }
    public required ContentFormat ContentFormat { get; init; }
    public required PostAction Action { get; init; }

    /// <summary>When the post went live (ms since the epoch, UTC); an edit or deletion repeats it.</summary>
    public required long PublishedAt { get; init; }

    public string? Caption { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>The platform's own paid-partnership label; null when the record does not say.</summary>
    public bool? PaidPartnershipLabel { get; init; }

    public override EventType Type => EventType.Post;
}
