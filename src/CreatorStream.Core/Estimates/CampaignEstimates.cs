namespace CreatorStream.Core.Estimates;

/// <summary>
/// A campaign's estimates beyond tracked links (docs/design.md, "Estimates"), as the brand task last made them: written
/// whole to the store, read by REST, the dashboard and the report. Every figure is an estimate with its 90 % interval,
/// and none is ever added to measured credit. Immutable.
/// </summary>
public sealed record CampaignEstimates
{
    public required string CampaignId { get; init; }

    /// <summary>The event time the estimates stand at: the end of the last hour of site traffic they read (ms).</summary>
    public required long AsOf { get; init; }

    /// <summary>When they were made (wall clock, ms): the freshness the dashboard shows.</summary>
    public required long UpdatedAt { get; init; }

    public required HaloEstimate Halo { get; init; }

    /// <summary>Uses of each creator's promo codes and the share that looks leaked, one entry per creator with a code used.</summary>
    public required List<CodeLeakFigures> CodeLeaks { get; init; }

    /// <summary>The holdout comparison; null when the campaign declares no holdout.</summary>
    public LiftEstimate? Incrementality { get; init; }
}

/// <summary>Estimated halo: untracked sessions, and unattributed orders and revenue, above the baseline after posts. Null figures: not enough data.</summary>
public sealed record HaloFigures(Interval? Sessions, Interval? Conversions, Interval? Revenue)
{
    public static HaloFigures None { get; } = new(null, null, null);
}

/// <summary>One post's share of the halo, with the exposure it was shared by.</summary>
public sealed record HaloPost(string CreatorId, string ContentId, long PublishedAt, long Impressions, HaloFigures Halo);

/// <summary>
/// Traffic-pattern attribution (docs/design.md, "Estimates", halo): the brand's untracked sessions and unattributed
/// orders per hour, against a baseline fitted on the hours no post's window covers; the excess in the windows, shared
/// among the posts active each hour.
/// </summary>
public sealed record HaloEstimate
{
    /// <summary><c>estimated</c>, or <c>not_enough_data</c> (with <see cref="Reason"/>) while the baseline is too thin.</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public required string Method { get; init; }

    public required int WindowHours { get; init; }

    public required double HalfLifeHours { get; init; }

    /// <summary>Hours the baseline was fitted on (no post's window covers them), and what they held.</summary>
    public required int BaselineHours { get; init; }

    public required long BaselineSessions { get; init; }

    public required long BaselineConversions { get; init; }

    /// <summary>How much more the hourly sessions vary than a Poisson count would (at least 1): the intervals are widened by it.</summary>
    public required double Dispersion { get; init; }

    /// <summary>Untracked sessions, unattributed orders and their revenue observed in the hours some post's window covers.</summary>
    public required long WindowSessions { get; init; }

    public required long WindowConversions { get; init; }

    public required double WindowRevenue { get; init; }

    /// <summary>This campaign's posts' share of the brand's halo.</summary>
    public required HaloFigures Campaign { get; init; }

    public required Dictionary<string, HaloFigures> Creators { get; init; }

    public required List<HaloPost> Posts { get; init; }
}

/// <summary>How many uses of a creator's code showed each sign of a leak.</summary>
public sealed record CodeLeakSignals(long NoTouch, long CouponReferrer, long ForeignCountry, long OffPattern);

/// <summary>
/// A creator's promo-code uses and the suspicious ones (docs/design.md, "Estimates", code leaks). The direct model's
/// figures with and without the suspicious uses are filled in when read (the report and REST), from the credit.
/// </summary>
public sealed record CodeLeakFigures
{
    public required string CreatorId { get; init; }

    /// <summary>Orders that used one of the creator's codes, net of refunds, and their value.</summary>
    public required long Uses { get; init; }

    public required double Revenue { get; init; }

    public required long SuspiciousUses { get; init; }

    public required double SuspiciousRevenue { get; init; }

    /// <summary>The suspicious share of uses, with its 90 % (Wilson) interval.</summary>
    public required Interval SuspiciousShare { get; init; }

    public required CodeLeakSignals Signals { get; init; }

    /// <summary>Whether a <c>code_leak</c> alert was raised for the creator.</summary>
    public required bool Alerted { get; init; }

    public double? DirectConversions { get; init; }

    public double? DirectRevenue { get; init; }

    public double? DirectConversionsWithoutLeaks { get; init; }

    public double? DirectRevenueWithoutLeaks { get; init; }
}

/// <summary>Orders and revenue of one group in one period of a holdout comparison.</summary>
public sealed record LiftCell(long Conversions, double Revenue);

/// <summary>
/// Incrementality (docs/design.md, "Estimates"): exposed against held-out orders, campaign period against the baseline
/// period before it, as a ratio of ratios (difference in differences on the log scale).
/// </summary>
public sealed record LiftEstimate
{
    /// <summary><c>estimated</c>, or <c>not_enough_data</c> (with <see cref="Reason"/>) until the interval is useful.</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public required string Method { get; init; }

    public required string Holdout { get; init; }

    public required long Start { get; init; }

    public long? End { get; init; }

    public required LiftCell ExposedBaseline { get; init; }

    public required LiftCell ExposedCampaign { get; init; }

    public required LiftCell HeldOutBaseline { get; init; }

    public required LiftCell HeldOutCampaign { get; init; }

    /// <summary>Orders in neither group (a country holdout, and orders that named no country).</summary>
    public required long Unassigned { get; init; }

    /// <summary>The exposed group's orders over what they would have been without the campaign, minus one.</summary>
    public Interval? Lift { get; init; }

    public Interval? IncrementalConversions { get; init; }

    public Interval? IncrementalRevenue { get; init; }

    /// <summary>Incremental revenue over the campaign's cost; filled in when read (the report and REST), from the cost.</summary>
    public Interval? Iroas { get; init; }
}
