namespace CreatorStream.Core.Reporting;

/// <summary>
/// Distinct users at each stage of the funnel, each stage counting users who passed every earlier one, and the share lost
/// at each step (docs/design.md, "Outcomes").
/// </summary>
public sealed record FunnelReport
{
    public long Reached { get; init; }
    public long Engaged { get; init; }
    public long Clicked { get; init; }

    /// <summary>
    /// Clicked users with a site session joined to their click: null when the scope has no site sessions. Off the chain:
    /// converted counts users who clicked, whether a session was seen or not (docs/design.md, "Outcomes", funnel).
    /// </summary>
    public long? Landed { get; init; }
    public long Converted { get; init; }

    /// <summary>Per step, the share of the stage before it that did not go on: 1 − engaged / reached, and so on; null from an empty stage.</summary>
    public FunnelDropOff DropOff { get; init; } = new();

    public static FunnelReport From(in Metrics.Counters counters) => new()
    {
        Reached = counters.FunnelReached,
        Engaged = counters.FunnelEngaged,
        Clicked = counters.FunnelClicked,
        Landed = counters.SiteSessions > 0 ? counters.FunnelLanded : null,
        Converted = counters.FunnelConverted,
        DropOff = new FunnelDropOff
        {
            Engaged = Lost(counters.FunnelEngaged, counters.FunnelReached),
            Clicked = Lost(counters.FunnelClicked, counters.FunnelEngaged),
            Landed = counters.SiteSessions > 0 ? Lost(counters.FunnelLanded, counters.FunnelClicked) : null,
            Converted = Lost(counters.FunnelConverted, counters.FunnelClicked),
        },
    };

    private static double? Lost(long next, long stage) => Metrics.Ratio.Of(stage - next, stage);
}
