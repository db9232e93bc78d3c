using CreatorStream.Core.Configuration;
using CreatorStream.Core.Forecasts;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Forecasts;

/// <summary>Reads what a campaign's forecast stands on from any store and makes it (docs/design.md, "Forecasts").</summary>
public static class ForecastReader
{
    /// <summary>
    /// The forecast, or the reason it cannot be made. A campaign with a day of figures is projected from its own pace;
    /// before that, from its creators' pace in the brand's earlier campaigns (<see cref="CampaignForecaster.BuildFromHistory"/>).
    /// </summary>
    /// <param name="store">The store to read.</param>
    /// <param name="campaign">The campaign, with the model to credit under as its reporting model.</param>
    /// <param name="brandCampaigns">The brand's campaigns under that same model (the campaign among them or not): its history.</param>
    /// <param name="until">The horizon's end (ms); null for the goal's end.</param>
    /// <param name="allocation">Extra spend by creator id.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static async Task<(CampaignForecast? Forecast, string? Refusal)> ReadAsync(
        IStateStore store,
        CampaignConfig campaign,
        IReadOnlyList<CampaignConfig> brandCampaigns,
        long? until,
        IReadOnlyDictionary<string, double> allocation,
        CancellationToken cancellationToken)
    {
        var figures = await ReadFiguresAsync(store, campaign, cancellationToken);
        if (figures.HasADay)
        {
            return CampaignForecaster.Build(campaign, figures.Report, figures.Hours, figures.AsOf, until, allocation);
        }

        var start = campaign.Goal?.Start?.ToUnixTimeMilliseconds() ?? figures.FirstHour;
        var (history, earlier) = await ReadHistoryAsync(store, campaign, brandCampaigns, start, cancellationToken);
        return CampaignForecaster.BuildFromHistory(campaign, figures.AsOf is null ? null : figures.Report, history, earlier, figures.FirstHour, until, allocation);
    }

    /// <summary>A campaign's report to date, its creators' hours, its newest event and first hour (null before any event).</summary>
    private static async Task<Figures> ReadFiguresAsync(IStateStore store, CampaignConfig campaign, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
        var series = await CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, cancellationToken);
        var asOf = state.Totals.LastEventTs;
        long? firstHour = asOf is { } newest ? CampaignForecaster.FirstHour(series.Creators, newest) : null;
        return new Figures(ReportBuilder.BuildOutcomes(campaign, state), series.Creators, asOf, firstHour);
    }

    /// <summary>
    /// The campaign's creators measured in each of the brand's other campaigns in its currency that began before
    /// <paramref name="start"/> (any, when it is unknown) and have a day of figures, oldest campaign first (by newest event).
    /// </summary>
    private static async Task<(Dictionary<string, IReadOnlyList<CreatorMeasure>> History, List<string> Earlier)> ReadHistoryAsync(
        IStateStore store, CampaignConfig campaign, IReadOnlyList<CampaignConfig> brandCampaigns, long? start, CancellationToken cancellationToken)
    {
        var model = campaign.Attribution.ReportingModel;
        var wanted = campaign.Creators.Select(c => c.CreatorId).ToHashSet(StringComparer.Ordinal);
        var read = new List<(long AsOf, string Id, List<CreatorMeasure> Measures)>();
        // Another currency's revenue and order value are not this campaign's: such campaigns are not read (not converted).
        foreach (var other in brandCampaigns.Where(c => c.BrandId == campaign.BrandId && c.CampaignId != campaign.CampaignId && c.Currency == campaign.Currency))
        {
            var figures = await ReadFiguresAsync(store, other, cancellationToken);
            if (!figures.HasADay || (start is { } s && figures.FirstHour >= s))
            {
                continue;
            }

            var (asOf, firstHour) = (figures.AsOf!.Value, figures.FirstHour!.Value);
            var measures = other.Creators
                .Where(c => wanted.Contains(c.CreatorId))
                .Select(c => CampaignForecaster.Measure(c.CreatorId, figures.Report.Creators.GetValueOrDefault(c.CreatorId), figures.Hours.GetValueOrDefault(c.CreatorId) ?? [], firstHour, asOf, model))
                .ToList();
            if (measures.Count > 0)
            {
                read.Add((asOf, other.CampaignId, measures));
            }
        }

        read.Sort((a, b) => a.AsOf != b.AsOf ? a.AsOf.CompareTo(b.AsOf) : string.CompareOrdinal(a.Id, b.Id));
        var history = new Dictionary<string, IReadOnlyList<CreatorMeasure>>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            history[id] = [.. read.SelectMany(r => r.Measures).Where(m => m.CreatorId == id)];
        }

        return (history, [.. read.Select(r => r.Id)]);
    }

    /// <summary>What a forecast reads of one campaign.</summary>
    private sealed record Figures(CampaignReport Report, IReadOnlyDictionary<string, IReadOnlyList<PeriodView>> Hours, long? AsOf, long? FirstHour)
    {
        /// <summary>Whether the campaign has the two 12-hour blocks its own pace needs.</summary>
        public bool HasADay => AsOf is { } asOf && CampaignForecaster.HasADay(FirstHour!.Value, asOf);
    }
}
