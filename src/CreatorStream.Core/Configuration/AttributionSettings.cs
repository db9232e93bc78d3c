namespace CreatorStream.Core.Configuration;

/// <summary>How conversions are credited to creators (docs/design.md, "Attribution").</summary>
public sealed record AttributionSettings
{
    /// <summary>The model behind cost, ROI, ROAS and CPA. Default <c>last_touch</c>.</summary>
    public string ReportingModel { get; set; } = "last_touch";

    /// <summary>How far back a touchpoint can be credited. Default 30 days.</summary>
    public int LookbackDays { get; set; } = 30;

    /// <summary>Half-life of the time-decay model. Default 168 hours (one week).</summary>
    public double TimeDecayHalfLifeHours { get; set; } = 168;

    /// <summary>Below this many conversions the data-driven model falls back to linear. Default 300.</summary>
    public int DataDrivenMinConversions { get; set; } = 300;
}
