using CreatorStream.Core.Content;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// A campaign's posts, deliverables and compliance review queue over REST (docs/design.md, "Content"): what the stream
/// found, with what people decided about each flag. Reviews are the only writes the API takes: a person acknowledges or
/// dismisses a flag (or reopens it), saying who they are and, to dismiss, why; every action is kept in the audit trail.
/// </summary>
public static class ContentApi
{
    /// <summary>Longest review body accepted: a name and a reason, not documents.</summary>
    public const int MaxReviewBytes = 4_096;

    /// <summary>Longest reviewer name and reason, in characters.</summary>
    public const int MaxNameChars = 100;

    public const int MaxReasonChars = 1_000;

    public static RouteGroupBuilder MapContent(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/publishing", async (string id, HttpContext context, IStateStore store) =>
        {
            context.AllowedCampaign();
            var content = await store.ReadContentAsync(id, context.RequestAborted);
            var reviews = await store.ReadReviewsAsync(id, context.RequestAborted);
            var report = Core.Reporting.PublishingReport.Of(content);
            return Results.Json(new
            {
                campaign_id = id,
                report.Summary,
                report.Posts,
                report.Deliverables,
                compliance_flags = content.Flags.Select(f => new ReviewedFlag(f, reviews.Of(f.FlagId))),
            });
        });

        // docs/design.md, "Estimates": halo, code leaks and incrementality, each with its interval and labelled an estimate.
        campaigns.MapGet("/estimates", async (string id, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
            var content = await store.ReadContentAsync(id, context.RequestAborted);
            var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, context.RequestAborted);
            var estimates = Core.Reporting.EstimatesReport.Of(content.Estimates, campaign, Core.Reporting.ReportBuilder.BuildFigures(campaign, state));
            return estimates is null
                ? Results.Json(new { campaign_id = id, label = "estimate", status = "not_made_yet", reason = "the stream has not made this campaign's estimates yet (they are made hourly in event time)" })
                : Results.Json(estimates, Core.Json.CoreJsonContext.Default.EstimatesReport);
        });

        campaigns.MapGet("/compliance", async (string id, string? state, HttpContext context, IStateStore store) =>
        {
            context.AllowedCampaign();
            if (state is not null && state is not (ReviewStates.Open or ReviewStates.Acknowledged or ReviewStates.Dismissed))
            {
                return ApiError.Result(400, $"state must be one of {ReviewStates.Open}, {ReviewStates.Acknowledged}, {ReviewStates.Dismissed}");
            }

            var content = await store.ReadContentAsync(id, context.RequestAborted);
            var reviews = await store.ReadReviewsAsync(id, context.RequestAborted);
            var queue = content.Flags.Select(f => new ReviewedFlag(f, reviews.Of(f.FlagId))).Where(f => state is null || f.Review.State == state);
            return Results.Json(new { campaign_id = id, flags = queue });
        });

        campaigns.MapGet("/compliance/audit", async (string id, HttpContext context, IStateStore store) =>
        {
            context.AllowedCampaign();
            var reviews = await store.ReadReviewsAsync(id, context.RequestAborted);
            return Results.Json(new { campaign_id = id, entries = reviews.Trail });
        });

        campaigns.MapPost("/compliance/{flagId}", async (string id, string flagId, HttpContext context, IStateStore store, CampaignAccess access, TimeProvider clock) =>
        {
            context.AllowedCampaign();
            var (request, refusal) = await JsonBody.ReadAsync<ReviewRequest>(context, MaxReviewBytes, "{\"action\": \"acknowledge|dismiss|reopen\", \"by\": \"who you are\", \"reason\": \"why\"}");
            if (refusal is not null)
            {
                return refusal;
            }

            if (request!.Action is not { } action || !ReviewStates.Actions.Contains(action))
            {
                return ApiError.Result(400, $"action must be one of {string.Join(", ", ReviewStates.Actions)}");
            }

            if (string.IsNullOrWhiteSpace(request.By) || request.By.Length > MaxNameChars)
            {
                return ApiError.Result(400, $"by must name who is acting (1 to {MaxNameChars} characters)");
            }

            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (action == ReviewStates.Dismiss && reason is null)
            {
                return ApiError.Result(400, "a dismissal needs a reason: say why the flag does not need action");
            }

            if (reason?.Length > MaxReasonChars)
            {
                return ApiError.Result(400, $"reason is longer than {MaxReasonChars} characters");
            }

            var content = await store.ReadContentAsync(id, context.RequestAborted);
            if (!content.Flags.Any(f => f.FlagId == flagId))
            {
                return ApiError.Result(404, $"campaign '{id}' has no compliance flag '{flagId}'");
            }

            var current = (await store.ReadReviewsAsync(id, context.RequestAborted)).Of(flagId).State;
            if (request.From is { } seen && seen != current)
            {
                // The person decided on what their page showed; someone has acted since.
                return ApiError.Result(409, $"the flag is now {current}, not {seen}: someone acted first; look again before acting");
            }

            if (ReviewStates.Next(current, action) is not { } next)
            {
                return ApiError.Result(409, $"the flag is {current}: {action} does not apply to it");
            }

            var entry = new ReviewEntry
            {
                FlagId = flagId,
                Action = action,
                From = current,
                To = next,
                By = request.By.Trim(),
                At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                Reason = reason,
                KeyId = access.Caller(context) is { } key ? Convert.ToHexStringLower(key.Sha256)[..12] : null,
            };
            var outcome = await store.ReviewAsync(id, entry, context.RequestAborted);
            return outcome.Applied
                ? Results.Json(ReviewLedger.After(entry))
                : ApiError.Result(409, $"someone else acted first: the flag is now {outcome.State}");
        });

        return campaigns;
    }

    /// <summary>A review as sent: the action, who acts, why, and the state the person saw (optional; 409 if it changed).</summary>
    private sealed record ReviewRequest(string? Action, string? By, string? Reason, string? From);

    /// <summary>A flag as the stream found it, with where people stand on it.</summary>
    public sealed record ReviewedFlag(ComplianceFlag Flag, FlagReview Review);
}
