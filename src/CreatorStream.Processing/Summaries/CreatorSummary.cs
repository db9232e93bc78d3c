namespace CreatorStream.Processing.Summaries;

/// <summary>
/// A creator's summary of one finished period of a campaign (docs/design.md, "Creator summaries"): what they did in it,
/// the period before it for comparison, and the milestones they passed. Figures are as of <paramref name="AsOf"/> (the
/// campaign's newest event time when it was made). Immutable.
/// </summary>
public sealed record CreatorSummary(
    string CampaignId,
    string CampaignName,
    string Currency,
    string CreatorId,
    string Name,
    string Period,
    long PeriodStart,
    long PeriodEnd,
    long AsOf,
    SummaryFigures Figures,
    SummaryFigures? Previous,
    IReadOnlyList<string> Milestones)
{
    /// <summary>The period's name in files and URLs: its first day, <c>yyyy-MM-dd</c>.</summary>
    public string PeriodName => Core.Commissions.StatementPeriods.Name(PeriodStart);
}

/// <summary>
/// One period's figures: impressions, the authentic engagements the campaign counts, clicks, and conversions (orders
/// the creator had a part in under any attribution model, refunds not subtracted); with a commission plan, the
/// period's statement (accrued, held, payable and its state), else nulls.
/// </summary>
public sealed record SummaryFigures(long Impressions, long Engagements, long Clicks, long Conversions, double? CommissionAccrued, double? CommissionHeld, double? CommissionPayable, string? StatementState);
