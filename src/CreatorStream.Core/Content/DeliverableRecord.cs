namespace CreatorStream.Core.Content;

/// <summary>
/// One deliverable of a creator and where it stands (docs/design.md, "Content", deliverables): due (not yet posted,
/// not yet due), posted (in time), posted_late, or late (due passed without it). Immutable.
/// </summary>
public sealed record DeliverableRecord
{
    /// <summary>The creator id and the deliverable's place in the creator's list, "creator#index".</summary>
    public required string DeliverableId { get; init; }

    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required string Platform { get; init; }
    public string? Format { get; init; }
    public required int Count { get; init; }
    public required long Due { get; init; }

    /// <summary>Posts that count towards it (live, on its platform and format), at most <see cref="Count"/>.</summary>
    public required int Posted { get; init; }

    public required IReadOnlyList<string> ContentIds { get; init; }

    /// <summary>When the last post it needed went live; null until complete.</summary>
    public long? CompletedAt { get; init; }

    /// <summary>One of <see cref="DeliverableStatus"/>.</summary>
    public required string Status { get; init; }
}

/// <summary>Where a deliverable stands. Wire names.</summary>
public static class DeliverableStatus
{
    public const string Due = "due";
    public const string Posted = "posted";
    public const string PostedLate = "posted_late";
    public const string Late = "late";
}
