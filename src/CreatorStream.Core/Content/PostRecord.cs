namespace CreatorStream.Core.Content;

/// <summary>
/// A post as the content tracker knows it (docs/design.md, "Content"): what its latest report said, whether it
/// discloses, and how fast it is shared. A post seen only through its shares (no report on the posts topic) has no
/// publication time. Immutable.
/// </summary>
public sealed record PostRecord
{
    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required string Platform { get; init; }
    public required string ContentId { get; init; }
    public string? ContentFormat { get; init; }

    /// <summary>When it went live (event time, ms); null when no post report came.</summary>
    public long? PublishedAt { get; init; }

    /// <summary>The latest report's action (published, edited, deleted); null when no post report came.</summary>
    public string? LastAction { get; init; }

    public long? UpdatedAt { get; init; }

    public long? DeletedAt { get; init; }

    /// <summary>How the post discloses: label, caption, buried, missing; null when no report came.</summary>
    public string? Disclosure { get; init; }

    /// <summary>Whether the post as last reported names the brand (caption, mentions or hashtags; a deletion keeps what it said); null when no report came.</summary>
    public bool? MentionsBrand { get; init; }

    public required ShareVelocity Shares { get; init; }

    /// <summary>What the post's platform reported of it (imported insights), beside the event-level figures; null without any.</summary>
    public PlatformReported? PlatformReported { get; init; }
}

/// <summary>
/// A post's figures as its platform reported them, summed over the days imported (docs/design.md, "Collector"). Reach
/// does not add up over days (a viewer of two days counts in both), so only the largest day's is given: the post reached
/// at least that many. A figure no day reported is null.
/// </summary>
public sealed record PlatformReported
{
    /// <summary>Where the latest day's figures came from (the import's <c>source</c>).</summary>
    public required string Source { get; init; }

    public required int Days { get; init; }

    public required string FirstDay { get; init; }

    public required string LastDay { get; init; }

    /// <summary>When the latest of these figures was imported (its record's <c>ts</c>).</summary>
    public required long ImportedAt { get; init; }

    public long? Impressions { get; init; }

    public long? ReachMaxDay { get; init; }

    public long? Likes { get; init; }

    public long? Comments { get; init; }

    public long? Shares { get; init; }

    public long? Saves { get; init; }
}

/// <summary>
/// Authentic shares of a post by hour since publication (docs/design.md, "Content", share velocity): the total, the
/// busiest hour within the first week and when it came. <see cref="Origin"/> says what hour 0 starts at: the
/// publication, or the first share when no report of the post had come by then.
/// </summary>
public sealed record ShareVelocity
{
    public required long Total { get; init; }

    /// <summary>The total over the hours from the origin to the latest share (at least one hour); null with no shares.</summary>
    public double? PerHour { get; init; }

    public long PeakHourShares { get; init; }

    /// <summary>Hours from the origin to the start of the busiest hour; null with no shares.</summary>
    public int? TimeToPeakHours { get; init; }

    /// <summary>"published" or "first_share"; null with no shares.</summary>
    public string? Origin { get; init; }

    public static ShareVelocity None { get; } = new() { Total = 0 };
}
