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
        var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
        var series = await CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, cancellationToken);
        var report = ReportBuilder.BuildOutcomes(campaign, state);
        var asOf = state.Totals.LastEventTs;
        long? firstHour = asOf is { } newest ? CampaignForecaster.FirstHour(series.Creators, newest) : null;
        if (asOf is { } last && CampaignForecaster.HasADay(firstHour!.Value, last))
        {
            return CampaignForecaster.Build(campaign, report, series.Creators, asOf, until, allocation);
        }

        var start = campaign.Goal?.Start?.ToUnixTimeMilliseconds() ?? firstHour;
        var (history, earlier) = await ReadHistoryAsync(store, campaign, brandCampaigns, start, cancellationToken);
        return CampaignForecaster.BuildFromHistory(campaign, asOf is null ? null : report, history, earlier, firstHour, until, allocation);
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
            var state = await store.ReadCampaignAsync(other.CampaignId, StateWindow.CampaignToDate, cancellationToken);
            if (state.Totals.LastEventTs is not { } asOf)
            {
                continue;
            }

            var series = await CampaignSeriesReader.ReadHoursAsync(store, other, state.Totals, cancellationToken);
            var firstHour = CampaignForecaster.FirstHour(series.Creators, asOf);
            if (!CampaignForecaster.HasADay(firstHour, asOf) || (start is { } s && firstHour >= s))
            {
                continue;
            }

            var report = ReportBuilder.BuildOutcomes(other, state);
            var measures = other.Creators
                .Where(c => wanted.Contains(c.CreatorId))
                .Select(c => CampaignForecaster.Measure(c.CreatorId, report.Creators.GetValueOrDefault(c.CreatorId), series.Creators.GetValueOrDefault(c.CreatorId) ?? [], firstHour, asOf, model))
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
}
