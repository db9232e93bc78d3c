using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.State;

/// <summary>An aggregate as read from a store: counts, estimated reach, and freshness. Immutable.</summary>
public sealed record AggregateView(Counters Counters, long Reach, long? LastEventTs, long? UpdatedAtMs, ContentFormat? Format)
{
    public static AggregateView Empty { get; } = new(default, 0, null, null, null);

    /// <summary>Authentic engagements per reached user (docs/design.md, "Metrics"); null when nobody was reached.</summary>
    public double? EngagementRate => Ratio.Of(Counters.AuthenticEngagements, Reach);

    /// <summary>Clicks per impression; null without impressions.</summary>
    public double? Ctr => Ratio.Of(Counters.Clicks, Counters.Impressions);

    /// <summary>Share of visits (clicks with <c>pages</c>) that saw at most one page; null without any (docs/design.md, "Outcomes").</summary>
    public double? BounceRate => Ratio.Of(Counters.Bounces, Counters.PagedClicks);

    /// <summary>Mean <c>dwell_ms</c> of the clicks that carried it; null without any.</summary>
    public double? AvgTimeOnSiteMs => Ratio.Of(Counters.DwellMs, Counters.DwellClicks);

    /// <summary>Mean <c>pages</c> of the clicks that carried it; null without any.</summary>
    public double? PagesPerSession => Ratio.Of(Counters.Pages, Counters.PagedClicks);

    /// <summary>Earliest event time seen (ms): for a post, about when it went up.</summary>
    public long? FirstEventTs { get; init; }

    public static AggregateView Of(Aggregate aggregate) =>
        new(aggregate.Counters, aggregate.Reach.Count(), aggregate.LastEventTs, aggregate.UpdatedAtMs, aggregate.Format) { FirstEventTs = aggregate.FirstEventTs };
}
