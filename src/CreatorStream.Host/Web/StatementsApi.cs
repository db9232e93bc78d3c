using CreatorStream.Core.Commissions;
using CreatorStream.Core.State;
using CreatorStream.Host.Export;

namespace CreatorStream.Host.Web;

/// <summary>
/// Commission statements over REST (docs/design.md, "Commissions"): the stream's statements joined with people's
/// decisions; approval and rejection by an approver key only (<see cref="ApiKeyRoles.Approver"/>), each decision kept in
/// an audit trail with who, when and what; an approved statement frozen; a CSV export. Nothing here pays anyone.
/// </summary>
public static class StatementsApi
{
    /// <summary>Longest decision body accepted: a figure and a reason, not documents.</summary>
    public const int MaxBodyBytes = 4_096;

    public const int MaxReasonChars = 1_000;

    public static RouteGroupBuilder MapStatements(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/statements", async (string id, HttpContext context, IStateStore store, CampaignAccess access) =>
        {
            var campaign = context.AllowedCampaign();
            var (made, _, views) = await StatementBook.ReadAsync(store, id, context.RequestAborted);
            var caller = access.Caller(context);
            return Results.Json(new
            {
                campaign_id = id,
                currency = campaign.Currency,
                as_of = made?.AsOf,
                updated_at = made?.UpdatedAt,
                can_approve = caller?.MayApprove ?? false,
                creators_with_plans = campaign.Creators.Where(c => c.Commission is not null).Select(c => c.CreatorId),
                statements = views.Select(Row),
            });
        });

        campaigns.MapGet("/statements/audit", async (string id, HttpContext context, IStateStore store) =>
        {
            context.AllowedCampaign();
            var decisions = await store.ReadDecisionsAsync(id, context.RequestAborted);
            return Results.Json(new { campaign_id = id, entries = decisions.Trail.Select(Entry) });
        });

        campaigns.MapGet("/statements.csv", async (string id, HttpContext context, IStateStore store) =>
        {
            context.AllowedCampaign();
            var (_, _, views) = await StatementBook.ReadAsync(store, id, context.RequestAborted);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-statements.csv\"";
            return Results.Text(CsvWriter.ToText(ExportTable.From(views, Columns)), CsvWriter.ContentType);
        });

        campaigns.MapPost("/statements/{creator}/{period}/{action}", async (string id, string creator, string period, string action, HttpContext context, IStateStore store, CampaignAccess access, TimeProvider clock) =>
        {
            context.AllowedCampaign();
            if (access.Caller(context) is not { } caller || !caller.MayApprove)
            {
                return ApiError.Result(403, "this API key may read statements but not decide on them: approving or rejecting needs an approver key");
            }

            if (action is not (StatementStates.Approve or StatementStates.Reject))
            {
                return ApiError.Result(404, $"'{action}' is not an action on a statement: use {StatementStates.Approve} or {StatementStates.Reject}");
            }

            var (request, refusal) = await JsonBody.ReadAsync(
                context, MaxBodyBytes, "{\"payable\": the payable amount you reviewed, \"reason\": \"why\" (needed to reject)}", whenEmpty: new DecisionRequest(null, null));
            if (refusal is not null)
            {
                return refusal;
            }

            var reason = string.IsNullOrWhiteSpace(request!.Reason) ? null : request.Reason.Trim();
            if (action == StatementStates.Reject && reason is null)
            {
                return ApiError.Result(400, "a rejection needs a reason: say what is wrong with the statement");
            }

            if (reason?.Length > MaxReasonChars)
            {
                return ApiError.Result(400, $"reason is longer than {MaxReasonChars} characters");
            }

            if (request.Payable is not { } seen)
            {
                return ApiError.Result(400, "payable is required: send the payable amount you reviewed, so a decision is never made on figures you did not see");
            }

            var (_, decisions, views) = await StatementBook.ReadAsync(store, id, context.RequestAborted);
            var statementId = $"{creator}|{period}";
            if (views.FirstOrDefault(v => v.StatementId == statementId) is not { } view)
            {
                return ApiError.Result(404, $"campaign '{id}' has no statement for creator '{creator}' and the period starting {period}");
            }

            if (StatementStates.Next(view.State, action) is not { } next)
            {
                return ApiError.Result(409, "the statement is approved, and an approved statement is final: later changes go into the next period's correction");
            }

            if (Math.Abs(seen - view.Statement.Payable) >= 0.005)
            {
                // The person decided on the figures their page showed; the stream has moved them since.
                return ApiError.Result(409, $"the statement changed since it was loaded: payable is now {view.Statement.Payable:0.00}, not {seen:0.00}; look again before deciding");
            }

            var decision = new StatementDecision
            {
                StatementId = statementId,
                CreatorId = view.Statement.CreatorId,
                PeriodStart = view.Statement.PeriodStart,
                PeriodEnd = view.Statement.PeriodEnd,
                Action = action,
                From = view.State,
                To = next,
                By = caller.Actor,
                At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                Reason = reason,
                KeyId = Convert.ToHexStringLower(caller.Sha256)[..12],
                Payable = view.Statement.Payable,
                ApprovedBefore = next == StatementStates.Approved ? StatementBook.ApprovalsOf(decisions, view.Statement.CreatorId) : null,
                Statement = next == StatementStates.Approved ? view.Statement : null,
            };
            var outcome = await store.DecideAsync(id, decision, context.RequestAborted);
            return outcome.Applied
                ? Results.Json(Row(new StatementView(decision.Statement ?? view.Statement, next, decision)))
                : ApiError.Result(409, outcome.State == StatementStates.Changed
                    ? $"another of {view.Statement.CreatorId}'s statements was approved meanwhile, which moves the corrections: look again before deciding"
                    : $"someone else decided first: the statement is now {outcome.State}");
        });

        return campaigns;
    }

    private static object Row(StatementView view) => new
    {
        statement_id = view.StatementId,
        creator_id = view.Statement.CreatorId,
        period = StatementPeriods.Name(view.Statement.PeriodStart),
        period_start = view.Statement.PeriodStart,
        period_end = view.Statement.PeriodEnd,
        as_of = view.Statement.AsOf,
        state = view.State,
        accrued = view.Statement.Accrued,
        held = view.Statement.Held,
        payable = view.Statement.Payable,
        lines = view.Statement.Lines,
        decision = view.Decision is { } d ? Entry(d) : null,
    };

    private static object Entry(StatementDecision d) => new
    {
        statement_id = d.StatementId,
        creator_id = d.CreatorId,
        period = StatementPeriods.Name(d.PeriodStart),
        action = d.Action,
        from = d.From,
        to = d.To,
        by = d.By,
        at = d.At,
        reason = d.Reason,
        key_id = d.KeyId,
        payable = d.Payable,
    };

    private static readonly IReadOnlyList<ColumnSpec<StatementView>> Columns =
    [
        new("creator_id", ColumnType.Text, v => v.Statement.CreatorId),
        new("period_start", ColumnType.TimestampMs, v => v.Statement.PeriodStart),
        new("period_end", ColumnType.TimestampMs, v => v.Statement.PeriodEnd),
        new("as_of", ColumnType.TimestampMs, v => v.Statement.AsOf),
        new("state", ColumnType.Text, v => v.State),
        new("accrued", ColumnType.Float64, v => v.Statement.Accrued),
        new("held", ColumnType.Float64, v => v.Statement.Held),
        new("payable", ColumnType.Float64, v => v.Statement.Payable),
        new("correction", ColumnType.Float64, v => v.Statement.Lines.Where(l => l.Kind == StatementBook.CorrectionKind).Sum(l => l.Payable)),
        new("decided_by", ColumnType.Text, v => v.Decision?.By),
        new("decided_at", ColumnType.TimestampMs, v => v.Decision?.At),
        new("reason", ColumnType.Text, v => v.Decision?.Reason),
    ];

    /// <summary>A decision as sent: the payable amount the person reviewed (optional; 409 if it changed) and why.</summary>
    private sealed record DecisionRequest(double? Payable, string? Reason);
}
