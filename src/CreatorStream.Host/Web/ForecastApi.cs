using CreatorStream.Core.Attribution;
using CreatorStream.Core.Forecasts;
using CreatorStream.Core.State;
using CreatorStream.Processing.Forecasts;

namespace CreatorStream.Host.Web;

/// <summary>
/// What-if forecasts over REST (docs/design.md, "Forecasts"): <c>GET /forecast</c> projects the campaign at its pace,
/// <c>POST /forecast</c> under a proposed allocation of the remaining budget. Both read only; any key of the campaign.
/// </summary>
public static class ForecastApi
{
    /// <summary>Longest allocation body accepted: an amount per creator, not documents.</summary>
    public const int MaxBodyBytes = 16_384;

    private const string Shape = "{\"allocation\": {\"creator_id\": amount, ...}, \"until\": ms, \"model\": name}, each optional";

    public static RouteGroupBuilder MapForecast(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/forecast", (long? until, string? model, HttpContext context, IStateStore store) =>
            AnswerAsync(context, store, until, model, new Dictionary<string, double>(StringComparer.Ordinal)));

        campaigns.MapPost("/forecast", async (HttpContext context, IStateStore store) =>
        {
            var (body, refusal) = await JsonBody.ReadAsync(context, MaxBodyBytes, Shape, new ForecastRequest());
            return refusal ?? await AnswerAsync(context, store, body!.Until, body.Model, body.Allocation ?? []);
        });

        return campaigns;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, IStateStore store, long? until, string? model, Dictionary<string, double> allocation)
    {
        if (model is not null && !AttributionModels.All.Contains(model))
        {
            return ApiError.Result(400, $"model must be one of {string.Join(", ", AttributionModels.All)}");
        }

        var allowed = context.AllowedCampaign();
        var campaign = CreatorRows.UnderModel(allowed, model ?? allowed.Attribution.ReportingModel);
        var (forecast, refusal) = await ForecastReader.ReadAsync(store, campaign, until, allocation, context.RequestAborted);
        return forecast is not null
            ? Results.Json(forecast)
            : ApiError.Result(refusal is CampaignForecaster.NoEvents or CampaignForecaster.TooEarly ? 409 : 400, refusal!);
    }

    /// <summary>The body of <c>POST /forecast</c>; a misspelt property is refused, not read as no allocation.</summary>
    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    public sealed record ForecastRequest
    {
        /// <summary>Extra spend by creator id; creators not named get none.</summary>
        public Dictionary<string, double>? Allocation { get; init; }

        /// <summary>The horizon's end (ms since epoch); null for the goal's end.</summary>
        public long? Until { get; init; }

        public string? Model { get; init; }
    }
}
