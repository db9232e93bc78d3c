using CreatorStream.Core.Content;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// A campaign's posts as reported, its deliverables tracker and its compliance flags (docs/design.md, "Content"), with
/// counts a reader takes in at a glance. What people decided about the flags is not here: it lives in the review
/// queue (REST), not in what the stream computed.
/// </summary>
public sealed record PublishingReport
{
    public required PublishingSummary Summary { get; init; }
    public required IReadOnlyList<PostRecord> Posts { get; init; }
    public required IReadOnlyList<DeliverableRecord> Deliverables { get; init; }
    public required IReadOnlyList<ComplianceFlag> ComplianceFlags { get; init; }

    public static PublishingReport Of(CampaignContent content) => new()
    {
        Summary = new PublishingSummary
        {
            PostsReported = content.Posts.Count(p => p.PublishedAt is not null),
            PostsDeleted = content.Posts.Count(p => p.DeletedAt is not null),
            PostsMentioningBrand = content.Posts.Count(p => p.MentionsBrand == true && p.DeletedAt is null),
            DeliverablesByStatus = Counts(content.Deliverables.Select(d => d.Status)),
            FlagsStanding = Counts(content.Flags.Where(f => f.ClearedAt is null).Select(f => f.Kind)),
            FlagsCleared = content.Flags.Count(f => f.ClearedAt is not null),
        },
        Posts = content.Posts,
        Deliverables = content.Deliverables,
        ComplianceFlags = content.Flags,
    };

    private static SortedDictionary<string, long> Counts(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}

/// <summary>Counts over a campaign's content records.</summary>
public sealed record PublishingSummary
{
    /// <summary>Posts with a report on the posts topic (posts seen only through their shares are not counted).</summary>
    public required long PostsReported { get; init; }

    public required long PostsDeleted { get; init; }

    /// <summary>Live reported posts whose caption as last reported names the brand (an awareness figure beside the comments' brand mentions).</summary>
    public required long PostsMentioningBrand { get; init; }

    /// <summary>Deliverables by status (due, posted, posted_late, late); a status no deliverable has is absent.</summary>
    public required SortedDictionary<string, long> DeliverablesByStatus { get; init; }

    /// <summary>Flags not cleared by a later edit, by kind; a kind with none is absent.</summary>
    public required SortedDictionary<string, long> FlagsStanding { get; init; }

    public required long FlagsCleared { get; init; }
}
