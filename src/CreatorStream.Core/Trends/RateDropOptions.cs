namespace CreatorStream.Core.Trends;

/// <summary>
/// When a rate's fall is an alert (docs/design.md, "Trends"). Immutable. The defaults were set by reasoning about false
/// alarms, not fitted to generated traffic: the generator plants no rate drops, so its seeds serve as held-out data
/// where every alert is a false one (<c>RateDropGeneratedTests</c>).
/// </summary>
public sealed record RateDropOptions
{
    /// <summary>Hours of the window judged: long enough that a quiet creator's hour is not a drop. Default 6.</summary>
    public int WindowHours { get; init; } = 6;

    /// <summary>Hours before the window that set the rate it is judged against: a week, so weekdays even out. Default 168.</summary>
    public int BaselineHours { get; init; } = 168;

    /// <summary>
    /// Hours of the baseline that had any exposure (impressions, or clicks for conversion rate) before a window is judged:
    /// a day, so the baseline spans a day's rhythm and its hour-to-hour spread can be measured. Default 24.
    /// </summary>
    public int MinBaselineHours { get; init; } = 24;

    /// <summary>
    /// The window must have expected at least this many events of the rate's numerator at the baseline rate. Default 20:
    /// below that, even a fall to zero is within chance too often to name a creator.
    /// </summary>
    public double MinExpected { get; init; } = 20;

    /// <summary>
    /// The fall must be at least this share of the baseline rate. Default 0.3: on large samples any wobble is significant,
    /// and a manager acts on a third, not on a tenth.
    /// </summary>
    public double MinRelativeDrop { get; init; } = 0.3;

    /// <summary>
    /// How far below the expected count the window must be, in standard deviations, to open an alert. Default 3.5 (one-sided
    /// p ≈ 0.0002): a campaign is judged every hour for each creator and each rate, so thousands of judgements a month.
    /// </summary>
    public double OpenZ { get; init; } = 3.5;

    /// <summary>
    /// How far below it must stay for an open alert to go on (hysteresis, so one alert covers a drop that hovers at the
    /// threshold instead of several). Default 2.
    /// </summary>
    public double HoldZ { get; init; } = 2.0;

    /// <summary>
    /// How long after an hour's end the campaign's newest event must be before the hour is judged: its last clicks are
    /// judged for authenticity a judge lag (90 s) behind the watermark (5 s). Default 5 minutes.
    /// </summary>
    public long SettleMs { get; init; } = 300_000;

    public static RateDropOptions Default { get; } = new();
}
