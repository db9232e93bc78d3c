using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>The REST API under <c>/api</c> (docs/design.md, "Serving"). Every campaign route needs a key for that campaign.</summary>
public static class CampaignApi
{
    /// <summary>Alerts returned when no limit is given: a page a person reads.</summary>
    public const int DefaultAlertLimit = 100;

    private const int InMemoryAlertLimit = Processing.State.InMemoryStateStore.AlertsPerCampaign;

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));

        app.MapGet("/api/campaigns", (HttpContext context, CampaignAccess access) =>
            access.IsKnownKey(context)
                ? Results.Json(access.Visible(context).Select(c => new CampaignSummary(c.CampaignId, c.BrandId, c.Name, c.Currency)))
                : ApiError.Result(401, ApiKeys.From(context) is null ? "an API key is required: send it in the X-Api-Key header" : "the API key is not valid"));

        // The dashboard's pass for the hub: a short-lived token for the key in X-Api-Key, so that the key never goes into
        // the WebSocket URL (README "Security"). Not cached, not compressed (DashboardServing): it is a secret.
        app.MapPost("/api/hub-token", (HttpContext context, CampaignAccess access) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return access.IssueToken(context) is { } issued
                ? Results.Json(new { token = issued.Token, expires_at = issued.ExpiresAt })
                : ApiError.Result(401, ApiKeys.From(context) is null ? "an API key is required: send it in the X-Api-Key header" : "the API key is not valid");
        });

        app.MapGet("/api/campaigns/{id}/summary", async (string id, string? window, string? model, HttpContext context, CampaignAccess access, SnapshotService snapshots) =>
        {
            var decision = access.Check(context, id, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            if (!StateWindow.TryParse(window, out var stateWindow))
            {
                return ApiError.Result(400, $"window must be one of {string.Join(", ", StateWindow.All.Select(w => w.Name))}");
            }

            if (model is not null && !Core.Attribution.AttributionModels.All.Contains(model))
            {
                return ApiError.Result(400, $"model must be one of {string.Join(", ", Core.Attribution.AttributionModels.All)}");
            }

            return Results.Json(await snapshots.GetAsync(campaign, stateWindow, context.RequestAborted, model));
        });

        app.MapGet("/api/campaigns/{id}/attribution", async (string id, string? model, HttpContext context, CampaignAccess access, IStateStore store) =>
        {
            var decision = access.Check(context, id, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            var chosen = model ?? campaign.Attribution.ReportingModel;
            if (!Core.Attribution.AttributionModels.All.Contains(chosen))
            {
                return ApiError.Result(400, $"model must be one of {string.Join(", ", Core.Attribution.AttributionModels.All)}");
            }

            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            return Results.Json(AttributionView.Of(campaign, state, chosen));
        });

        app.MapGet("/api/campaigns/{id}/recommendations", async (string id, string? model, HttpContext context, CampaignAccess access, IStateStore store) =>
        {
            var decision = access.Check(context, id, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            if (model is not null && !Core.Attribution.AttributionModels.All.Contains(model))
            {
                return ApiError.Result(400, $"model must be one of {string.Join(", ", Core.Attribution.AttributionModels.All)}");
            }

            // Under another model, as if it were the reporting one: the page shows one model throughout.
            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            return Results.Json(Core.Reporting.ReportBuilder.BuildCampaign(CreatorRows.UnderModel(campaign, model ?? campaign.Attribution.ReportingModel), state).Recommendations);
        });

        app.MapGet("/api/campaigns/{id}/authenticity", async (string id, string? creator, string? content, HttpContext context, CampaignAccess access, IStateStore store) =>
        {
            var decision = access.Check(context, id, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            if (creator is not null && campaign.Creators.All(c => c.CreatorId != creator))
            {
                return ApiError.Result(404, $"campaign '{id}' has no creator '{creator}'");
            }

            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            var figures = content is not null
                ? state.Content.Where(c => c.Key.ContentId == content && (creator is null || c.Key.CreatorId == creator)).Select(c => c.Value.Counters).FirstOrDefault()
                : creator is not null ? state.Creators.GetValueOrDefault(creator)?.Counters ?? default : state.Totals.Counters;
            var scores = campaign.Creators.ToDictionary(
                c => c.CreatorId,
                c => state.Creators.GetValueOrDefault(c.CreatorId) is { } v ? Core.Metrics.Ratio.Of(v.Counters.AuthenticEngagements, v.Counters.Engagements) : null);

            // Per-post lists exist for posts that raised an incident; other posts fall back to their creator's list.
            var accounts = await store.ReadFlaggedAccountsAsync(new FlagScope(id, creator, content), context.RequestAborted);
            if (accounts.Count == 0 && content is not null)
            {
                accounts = await store.ReadFlaggedAccountsAsync(new FlagScope(id, creator, null), context.RequestAborted);
            }

            return Results.Json(new AuthenticityView(
                id, creator, content, figures.Engagements, figures.AuthenticEngagements, figures.InauthenticEngagements, figures.InauthenticEngagements,
                figures.AwaitingJudgement, scores, accounts));
        });

        app.MapGet("/api/campaigns/{id}/alerts", async (string id, int? limit, HttpContext context, CampaignAccess access, IStateStore store) =>
        {
            if (limit is < 1 or > InMemoryAlertLimit)
            {
                return ApiError.Result(400, $"limit must be between 1 and {InMemoryAlertLimit}");
            }

            var decision = access.Check(context, id, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            // Newest first: what a manager reads from the top.
            var alerts = await store.ReadAlertsAsync(id, context.RequestAborted);
            return Results.Json(alerts.Reverse().Take(limit ?? DefaultAlertLimit).Select(AlertView.Of));
        });

        return app;
    }
}
