namespace CreatorStream.Core.Reporting;

/// <summary>The share of users lost at each step into a funnel stage; null when the stage before it is empty.</summary>
public sealed record FunnelDropOff
{
    public double? Engaged { get; init; }
    public double? Clicked { get; init; }

    /// <summary>1 − landed / clicked; null when the scope has no site sessions.</summary>
    public double? Landed { get; init; }
    public double? Converted { get; init; }
}
