using CreatorStream.Core.Attribution;
using CreatorStream.Core.Forecasts;
using CreatorStream.Core.State;
using CreatorStream.Processing.Forecasts;

namespace CreatorStream.Host.Web;

/// <summary>
/// What-if forecasts over REST (docs/design.md, "Forecasts"): <c>GET /forecast</c> projects the campaign at its pace,
/// <c>POST /forecast</c> under a proposed allocation of the remaining budget. Both read only; any key of the campaign
/// that is not a creator's. Before the campaign has a day of figures, its creators' earlier campaigns of the brand that
/// the key also reads are the basis.
/// </summary>
public static class ForecastApi
{
    /// <summary>Longest allocation body accepted: an amount per creator, not documents.</summary>
    public const int MaxBodyBytes = 16_384;

    private const string Shape = "{\"allocation\": {\"creator_id\": amount, ...}, \"until\": ms, \"model\": name}, each optional";

    public static RouteGroupBuilder MapForecast(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/forecast", (long? until, string? model, HttpContext context, CampaignAccess access, IStateStore store) =>
            AnswerAsync(context, access, store, until, model, new Dictionary<string, double>(StringComparer.Ordinal)));

        campaigns.MapPost("/forecast", async (HttpContext context, CampaignAccess access, IStateStore store) =>
        {
            var (body, refusal) = await JsonBody.ReadAsync(context, MaxBodyBytes, Shape, new ForecastRequest());
            return refusal ?? await AnswerAsync(context, access, store, body!.Until, body.Model, body.Allocation ?? []);
        });

        return campaigns;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, CampaignAccess access, IStateStore store, long? until, string? model, Dictionary<string, double> allocation)
    {
        if (model is not null && !AttributionModels.All.Contains(model))
        {
            return ApiError.Result(400, $"model must be one of {string.Join(", ", AttributionModels.All)}");
        }

        var allowed = context.AllowedCampaign();
        var credited = model ?? allowed.Attribution.ReportingModel;
        var campaign = CreatorRows.UnderModel(allowed, credited);
        // Before a day of figures the projection rests on the brand's earlier campaigns: only those this key reads.
        var history = access.Visible(context).Where(c => c.BrandId == allowed.BrandId).Select(c => CreatorRows.UnderModel(c, credited)).ToList();
        var (forecast, refusal) = await ForecastReader.ReadAsync(store, campaign, history, until, allocation, context.RequestAborted);
        return forecast is not null
            ? Results.Json(forecast)
            : ApiError.Result(NotYet(refusal!) ? 409 : 400, refusal!);
    }

    /// <summary>Whether the campaign is too young to project and has no history to project from: not the request's fault.</summary>
    private static bool NotYet(string refusal) =>
        refusal.StartsWith(CampaignForecaster.NoEvents, StringComparison.Ordinal) || refusal.StartsWith(CampaignForecaster.TooEarly, StringComparison.Ordinal);

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
