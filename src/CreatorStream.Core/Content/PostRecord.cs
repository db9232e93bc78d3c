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
