namespace CreatorStream.Core.Recommendations;

/// <summary>
/// An hour of the week (UTC; 0 = Monday 00:00) when a creator's audience is responsive, measured on the audience's own
/// events in that hour over the campaign (docs/design.md, "Recommendations", audience windows). Immutable.
/// </summary>
public sealed record AudienceWindow
{
    public string CreatorId { get; init; } = "";
    public int HourOfWeek { get; init; }

    /// <summary>"Tuesday 18:00 UTC".</summary>
    public string Label { get; init; } = "";

    /// <summary>Distinct weeks with impressions in this hour.</summary>
    public int Weeks { get; init; }
    public long Impressions { get; init; }
    public long AuthenticEngagements { get; init; }
    public long AuthenticClicks { get; init; }

    /// <summary>Authentic engagements per impression in this hour, with its 95 % interval (widened by the creator's hour-to-hour spread).</summary>
    public double EngagementRate { get; init; }
    public double EngagementRateLow { get; init; }
    public double EngagementRateHigh { get; init; }

    /// <summary>Authentic clicks per impression in this hour.</summary>
    public double ClickRate { get; init; }

    /// <summary>The creator's authentic engagements per impression over all hours: what "above average" is against.</summary>
    public double CreatorRate { get; init; }

    /// <summary>The interval's low end is above the creator's own rate: this hour is better beyond chance.</summary>
    public bool AboveAverage { get; init; }
}
