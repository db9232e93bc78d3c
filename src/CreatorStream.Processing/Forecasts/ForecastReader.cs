using CreatorStream.Core.Configuration;
using CreatorStream.Core.Forecasts;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Forecasts;

/// <summary>Reads what a campaign's forecast stands on from any store and makes it (docs/design.md, "Forecasts").</summary>
public static class ForecastReader
{
    /// <summary>The forecast, or the reason it cannot be made.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="campaign">The campaign, with the model to credit under as its reporting model.</param>
    /// <param name="until">The horizon's end (ms); null for the goal's end.</param>
    /// <param name="allocation">Extra spend by creator id.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static async Task<(CampaignForecast? Forecast, string? Refusal)> ReadAsync(
        IStateStore store, CampaignConfig campaign, long? until, IReadOnlyDictionary<string, double> allocation, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
        var series = await CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, cancellationToken);
        return CampaignForecaster.Build(campaign, ReportBuilder.BuildOutcomes(campaign, state), series.Creators, state.Totals.LastEventTs, until, allocation);
    }
}
