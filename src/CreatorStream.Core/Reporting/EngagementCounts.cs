using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Reporting;

/// <summary>Engagements by kind and in total.</summary>
public sealed record EngagementCounts
{
    public long Like { get; init; }
    public long Comment { get; init; }
    public long Share { get; init; }
    public long Save { get; init; }
    public long Total { get; init; }

    public static EngagementCounts From(in Counters counters) => new()
    {
        Like = counters.Likes,
        Comment = counters.Comments,
        Share = counters.Shares,
        Save = counters.Saves,
        Total = counters.Engagements,
    };
}
