using CreatorStream.Core.Configuration;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// The REST API under <c>/api</c> (docs/design.md, "Serving"). Every campaign route needs a key for that campaign, checked
/// once for all of them by <see cref="CampaignRoutes"/>.
/// </summary>
public static class CampaignApi
{
    /// <summary>Alerts returned when no limit is given: a page a person reads.</summary>
    public const int DefaultAlertLimit = 100;

    /// <summary>
    /// The most alerts one answer carries: the API's own bound on a page of JSON, whichever store is behind it (the
    /// memory store and Redis both keep the newest 1 000 per campaign today, but either may change without moving it).
    /// </summary>
    public const int MaxAlertLimit = 1_000;

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));

        app.MapGet("/api/campaigns", (HttpContext context, CampaignAccess access) =>
            access.IsKnownKey(context)
                ? Results.Json(access.Visible(context).Select(c => new CampaignSummary(c.CampaignId, c.BrandId, c.Name, c.Currency)))
                : ApiKeys.Unauthorized(context));

        // What the caller's key is: the dashboard shows a creator's key their own view, and approve buttons only to approvers.
        app.MapGet("/api/me", (HttpContext context, CampaignAccess access) =>
            access.Caller(context) is { } caller
                ? Results.Json(new { name = caller.Name, role = caller.Role, creator = caller.Creator, can_approve = caller.MayApprove })
                : ApiKeys.Unauthorized(context));

        // The dashboard's pass for the hub: a short-lived token for the key in X-Api-Key, so that the key never goes into
        // the WebSocket URL (README "Security"). Not cached, not compressed (DashboardServing): it is a secret.
        app.MapPost("/api/hub-token", (HttpContext context, CampaignAccess access) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return access.IssueToken(context) is { } issued
                ? Results.Json(new { token = issued.Token, expires_at = issued.ExpiresAt })
                : ApiKeys.Unauthorized(context);
        });

        var campaigns = app.MapCampaignGroup();
        campaigns.MapTrends();
        campaigns.MapContent();
        campaigns.MapStatements();
        campaigns.MapCreatorView();
        campaigns.MapForecast();
        campaigns.MapGet("/summary", async (string? window, string? model, HttpContext context, SnapshotService snapshots) =>
        {
            if (!StateWindow.TryParse(window, out var stateWindow))
            {
                return ApiError.Result(400, $"window must be one of {string.Join(", ", StateWindow.All.Select(w => w.Name))}");
            }

            if (model is not null && !AttributionModels.All.Contains(model))
            {
                return UnknownModel();
            }

            return Results.Json(await snapshots.GetAsync(context.AllowedCampaign(), stateWindow, context.RequestAborted, model));
        });

        campaigns.MapGet("/attribution", async (string id, string? model, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
            var chosen = model ?? campaign.Attribution.ReportingModel;
            if (!AttributionModels.All.Contains(chosen))
            {
                return UnknownModel();
            }

            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            return Results.Json(AttributionView.Of(campaign, state, chosen));
        });

        campaigns.MapGet("/recommendations", async (string id, string? model, HttpContext context, IStateStore store, CampaignCatalog catalog) =>
        {
            if (model is not null && !AttributionModels.All.Contains(model))
            {
                return UnknownModel();
            }

            // Under another model, as if it were the reporting one: the page shows one model throughout.
            var campaign = context.AllowedCampaign();
            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            var series = await Processing.State.CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, context.RequestAborted);
            var named = await JudgedAlerts.NamedBaselineAsync(campaign, catalog, store, context.RequestAborted);
            return Results.Json(Core.Reporting.ReportBuilder.BuildCampaign(CreatorRows.UnderModel(campaign, model ?? campaign.Attribution.ReportingModel), state, series, named).Recommendations);
        });

        campaigns.MapGet("/outcomes", async (string id, string? model, HttpContext context, IStateStore store) =>
        {
            if (model is not null && !AttributionModels.All.Contains(model))
            {
                return UnknownModel();
            }

            // Under another model, as if it were the reporting one (cost follows the credited revenue), as /recommendations.
            var campaign = context.AllowedCampaign();
            var chosen = model ?? campaign.Attribution.ReportingModel;
            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            return Results.Json(OutcomesView.Of(campaign, chosen, Core.Reporting.ReportBuilder.BuildOutcomes(CreatorRows.UnderModel(campaign, chosen), state)));
        });

        campaigns.MapGet("/authenticity", async (string id, string? creator, string? content, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
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

        campaigns.MapGet("/alerts", async (string id, int? limit, HttpContext context, IStateStore store, JudgedAlerts judged) =>
        {
            if (limit is < 1 or > MaxAlertLimit)
            {
                return ApiError.Result(400, $"limit must be between 1 and {MaxAlertLimit}");
            }

            // The conditions that hold now (judged on the figures to date) first, then the stream's alerts newest first: what a
            // manager reads from the top. A store that keeps fewer than asked for returns all it has.
            var standing = await judged.JudgeAsync(context.AllowedCampaign(), context.RequestAborted);
            var alerts = await store.ReadAlertsAsync(id, context.RequestAborted);
            return Results.Json(standing.Concat(alerts.Reverse().Select(AlertView.Of)).Take(limit ?? DefaultAlertLimit));
        });

        return app;
    }

    private static IResult UnknownModel() => ApiError.Result(400, $"model must be one of {string.Join(", ", AttributionModels.All)}");
}
