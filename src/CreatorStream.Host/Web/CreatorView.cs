using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// What a creator sees of one campaign (docs/design.md, "Creator keys"): their own figures to date, their posts, their
/// days and their commission statements, and nothing of any other creator or of the campaign as a whole. Every field is
/// named here on purpose, not copied from the manager's rows, so a figure added to those does not reach creators by
/// itself. The brand's economics (cost, ROI, ROAS, CPA, earned media value) and the authenticity judgements stay out.
/// </summary>
public sealed record CreatorView(
    string CampaignId,
    string CampaignName,
    string Currency,
    string CreatorId,
    string Name,
    string Model,
    bool HasCommissionPlan,
    long GeneratedAt,
    long? AsOf,
    CreatorFigures Figures,
    IReadOnlyList<CreatorFigures> Posts,
    IReadOnlyList<CreatorDay> Days,
    IReadOnlyList<CreatorStatement> Statements)
{
    /// <summary>Days listed, newest last: a quarter.</summary>
    public const int MaxDays = 92;

    /// <summary>Reads the creator's view of <paramref name="campaign"/> as the store holds it now.</summary>
    public static async Task<CreatorView> ReadAsync(CampaignConfig campaign, CreatorConfig creator, IStateStore store, long now, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
        var (_, _, statements) = await StatementBook.ReadAsync(store, campaign.CampaignId, cancellationToken);
        var model = campaign.Attribution.ReportingModel;
        var row = CreatorRows.Of(campaign, state, ReportBuilder.BuildFigures(campaign, state)).Single(r => r.CreatorId == creator.CreatorId);
        var asOf = state.Totals.LastEventTs;
        var days = asOf is { } newest ? await DaysAsync(store, campaign.CampaignId, creator.CreatorId, newest, cancellationToken) : [];
        return new CreatorView(
            campaign.CampaignId,
            campaign.Name,
            campaign.Currency,
            creator.CreatorId,
            CreatorRows.Names(campaign)[creator.CreatorId],
            model,
            creator.Commission is not null,
            now,
            asOf,
            new CreatorFigures(null, null, row.Impressions, row.Reach, row.AuthenticEngagements, row.EngagementRate, row.Clicks, row.Ctr, row.Conversions, row.Revenue, row.UpdatedAt),
            [.. ContentRows.Of(campaign, state, model).Where(p => p.CreatorId == creator.CreatorId).Select(p =>
                new CreatorFigures(p.ContentId, p.Platform, p.Impressions, p.Reach, p.AuthenticEngagements, p.EngagementRate, p.Clicks, p.Ctr, p.Conversions, p.Revenue, p.UpdatedAt))],
            days,
            [.. statements.Where(s => s.Statement.CreatorId == creator.CreatorId).Select(CreatorStatement.Of)]);
    }

    private static async Task<IReadOnlyList<CreatorDay>> DaysAsync(IStateStore store, string campaignId, string creatorId, long newest, CancellationToken cancellationToken)
    {
        var end = SeriesPeriods.Start(SeriesGranularity.Day, newest) + SeriesPeriods.DayMs;
        var periods = await store.ReadSeriesAsync(AggregateKey.Creator(campaignId, creatorId), SeriesGranularity.Day, end - (MaxDays * SeriesPeriods.DayMs), end, cancellationToken);
        return [.. periods.Select(p => new CreatorDay(p.Start, p.Start + SeriesPeriods.DayMs, p.Counters.Impressions, p.Counters.AuthenticEngagements, p.Counters.Clicks, p.Counters.Conversions))];
    }
}

/// <summary>
/// A creator's figures, or one post's (with its <paramref name="ContentId"/> and <paramref name="Platform"/>), to date:
/// engagements are the authentic ones the campaign counts; conversions and revenue are credited under the campaign's
/// reporting model (null for a post whose content id more than one post shares).
/// </summary>
public sealed record CreatorFigures(
    string? ContentId,
    string? Platform,
    long Impressions,
    long Reach,
    long Engagements,
    double? EngagementRate,
    long Clicks,
    double? Ctr,
    double? Conversions,
    double? Revenue,
    long? UpdatedAt);

/// <summary>
/// One UTC day of a creator: counts kept per day (reach is not: docs/design.md, "Trends"). <paramref name="Orders"/> are
/// the orders any model credits to the creator, each counted once on its day (refunds not subtracted), not the credited
/// conversions of the headline figures.
/// </summary>
public sealed record CreatorDay(long Start, long End, long Impressions, long Engagements, long Clicks, long Orders);

/// <summary>One of the creator's commission statements as they see it: the amounts, the lines and whether it is approved.</summary>
public sealed record CreatorStatement(string Period, long PeriodStart, long PeriodEnd, long AsOf, string State, double Accrued, double Held, double Payable, IReadOnlyList<CommissionLine> Lines)
{
    public static CreatorStatement Of(StatementView view) => new(
        StatementPeriods.Name(view.Statement.PeriodStart),
        view.Statement.PeriodStart,
        view.Statement.PeriodEnd,
        view.Statement.AsOf,
        view.State,
        view.Statement.Accrued,
        view.Statement.Held,
        view.Statement.Payable,
        view.Statement.Lines);
}
