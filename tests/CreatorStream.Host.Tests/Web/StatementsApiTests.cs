using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// Commission statements over REST (docs/design.md, "Commissions") on a memory store that processed
/// <see cref="CommissionScenario"/> up to 30 h (so some commission is still held): who may decide, what an approval
/// freezes, how later changes to approved periods reach the next statement as a correction, the audit trail and CSV.
/// Every figure by hand (see <see cref="CommissionScenario"/> and CommissionReplayTests).
/// </summary>
public sealed class StatementsApiTests : IAsyncLifetime
{
    private const string Viewer = "viewer-key";
    private const string Approver = "approver-key";
    private const string OtherApprover = "other-campaign-approver";
    private readonly InMemoryStateStore _store = new();
    private readonly StreamProcessor _processor = new(Catalog(), ProcessorOptions.Default);
    private long _offset;
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        await ProcessAsync(Events(T0 + (30 * Hour)));
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Viewer), new HashSet<string> { "spring" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(Approver), new HashSet<string> { "spring" }, null, "Maria (finance)", ApiKeyRoles.Approver),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherApprover), new HashSet<string> { "autumn" }, null, "Tom", ApiKeyRoles.Approver),
        ]);
        _host = await WebTestHost.StartAsync(_store, Catalog(), keys);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Statements_ListEachCreatorsPeriods_AndSayWhetherTheKeyMayApprove()
    {
        var viewer = await GetAsync("/api/campaigns/spring/statements", Viewer);
        var approver = await GetAsync("/api/campaigns/spring/statements", Approver);

        Assert.False(viewer.GetProperty("can_approve").GetBoolean());
        Assert.True(approver.GetProperty("can_approve").GetBoolean());
        Assert.Equal(T0 + (30 * Hour), viewer.GetProperty("as_of").GetInt64());
        Assert.Equal(
            [("anna|2026-03-02", 43.0, 23.0, 20.0), ("anna|2026-03-03", 20.0, 20.0, 0.0), ("ben|2026-03-02", 111.0, 5.0, 106.0), ("ben|2026-03-03", 0.0, 0.0, 0.0)],
            Rows(viewer).Select(r => (r.GetProperty("statement_id").GetString(), Round(r, "accrued"), Round(r, "held"), Round(r, "payable"))));
        Assert.All(Rows(viewer), r => Assert.Equal("draft", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Approve_WithAViewerKey_Is403AndRecordsNothing()
    {
        var refused = await DecideAsync(Viewer, "anna", "2026-03-02", "approve", new { payable = 20.0 });
        var elsewhere = await DecideAsync(OtherApprover, "anna", "2026-03-02", "approve", new { payable = 20.0 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("needs an approver key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode); // an approver of another campaign may not even read this one
        Assert.Empty((await GetAsync("/api/campaigns/spring/statements/audit", Approver)).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Approve_FreezesTheStatement_AndLaterChangesReachTheNextPeriodAsACorrection()
    {
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(Approver, "ben", "2026-03-02", "approve", new { payable = 106.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(Approver, "anna", "2026-03-02", "approve", new { payable = 20.0 })).StatusCode);

        // Event time moves to 73 h: every hold has ended. The approved days stay as approved; each creator's latest
        // statement (the fourth day's) carries what changed: anna's 23 and ben's signup bounty of 5, released from the hold.
        await ProcessAsync([EventBuilder.Impression("u9", T0 + (73 * Hour), id: "later")]);
        var rows = Rows(await GetAsync("/api/campaigns/spring/statements", Approver)).ToDictionary(r => r.GetProperty("statement_id").GetString()!);
        Assert.Equal(("approved", 106.0, 5.0), (rows["ben|2026-03-02"].GetProperty("state").GetString(), Round(rows["ben|2026-03-02"], "payable"), Round(rows["ben|2026-03-02"], "held")));
        Assert.Equal(5.0, Correction(rows["ben|2026-03-05"]));
        Assert.Equal(5.0, Round(rows["ben|2026-03-05"], "payable"));
        Assert.Null(Correction(rows["ben|2026-03-03"])); // one statement carries it, so it cannot be approved twice
        Assert.Equal(23.0, Correction(rows["anna|2026-03-05"]));
        Assert.Equal(23.0, Round(rows["anna|2026-03-05"], "payable")); // its own 20 flat is held until the day ends

        // Ben's fourth day is approved with its correction; then half of his code's order (o2, 200) is refunded: his
        // 50 % of it, 50, comes out of his latest statement not approved, the third day's.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(Approver, "ben", "2026-03-05", "approve", new { payable = 5.0 })).StatusCode);
        await ProcessAsync(
        [
            EventBuilder.Conversion("u2", T0 + (74 * Hour), value: -100m, id: "r2") with { OrderId = "order-o2" },
            EventBuilder.Impression("u9", T0 + (75 * Hour), id: "later-still"),
        ]);
        rows = Rows(await GetAsync("/api/campaigns/spring/statements", Approver)).ToDictionary(r => r.GetProperty("statement_id").GetString()!);
        Assert.Equal(106.0, Round(rows["ben|2026-03-02"], "payable"));
        Assert.Equal(5.0, Round(rows["ben|2026-03-05"], "payable"));
        Assert.Equal(-50.0, Correction(rows["ben|2026-03-04"]));
        Assert.Null(Correction(rows["ben|2026-03-03"]));

        var again = await DecideAsync(Approver, "ben", "2026-03-02", "reject", new { payable = 106.0, reason = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("final", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_OnStaleFigures_Is409_AndARejectionNeedsAReason()
    {
        var stale = await DecideAsync(Approver, "anna", "2026-03-02", "approve", new { payable = 43.0 }); // the page showed it all payable
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("payable is now 20.00, not 43.00", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReason = await DecideAsync(Approver, "anna", "2026-03-02", "reject", new { payable = 20.0 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var rejected = await DecideAsync(Approver, "anna", "2026-03-02", "reject", new { payable = 20.0, reason = "the flat fee is already in her contract" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var approved = await DecideAsync(Approver, "anna", "2026-03-02", "approve", new { payable = 20.0 }); // looked at again: approved after all
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var trail = (await GetAsync("/api/campaigns/spring/statements/audit", Viewer)).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([("reject", "draft", "rejected"), ("approve", "rejected", "approved")], trail.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("from").GetString(), e.GetProperty("to").GetString())));
        Assert.All(trail, e => Assert.Equal("Maria (finance)", e.GetProperty("by").GetString()));
        Assert.Equal("the flat fee is already in her contract", trail[0].GetProperty("reason").GetString());
        Assert.Equal(Convert.ToHexStringLower(ApiKeyRing.Hash(Approver))[..12], trail[1].GetProperty("key_id").GetString());
    }

    [Fact]
    public async Task Decide_WithoutThePayableReviewed_Is400()
    {
        var response = await DecideAsync(Approver, "anna", "2026-03-02", "approve", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("payable is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await GetAsync("/api/campaigns/spring/statements/audit", Approver)).GetProperty("entries").EnumerateArray());
    }

    [Theory]
    [InlineData("anna", "2026-03-09", "approve", 404, "no statement")]
    [InlineData("anna", "2026-03-02", "pay", 404, "not an action")]
    [InlineData("zoe", "2026-03-02", "approve", 404, "no statement")]
    public async Task Decide_UnknownStatementOrAction_Is404WithAReason(string creator, string period, string action, int status, string reason)
    {
        var response = await DecideAsync(Approver, creator, period, action, new { payable = 0.0 });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_OneRowPerStatement_WithItsDecision()
    {
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(Approver, "ben", "2026-03-02", "approve", new { payable = 106.0 })).StatusCode);
        var response = await _host!.SendAsync(HttpMethod.Get, "/api/campaigns/spring/statements.csv", Viewer);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("creator_id,period_start,period_end,as_of,state,accrued,held,payable,correction,decided_by,decided_at,reason", lines[0]);
        Assert.Equal(5, lines.Length);
        var ben = lines[3].Split(',');
        Assert.Equal(("ben", (T0).ToString(System.Globalization.CultureInfo.InvariantCulture), "approved", "106", "Maria (finance)"), (ben[0], ben[1], ben[4], ben[7], ben[9]));
    }

    private async Task ProcessAsync(IEnumerable<StreamEvent> events)
    {
        var records = events.Select(e => EventBuilder.Record(e, _offset++)).ToArray();
        await _store.CommitAsync(_processor.Process(EventBuilder.Batch(1_000 + _offset, records)).Delta, CancellationToken.None);
    }

    private async Task<JsonElement> GetAsync(string path, string key)
    {
        var response = await _host!.SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> DecideAsync(string key, string creator, string period, string action, object body) =>
        _host!.SendAsync(HttpMethod.Post, $"/api/campaigns/spring/statements/{creator}/{period}/{action}", key, JsonContent.Create(body));

    private static IEnumerable<JsonElement> Rows(JsonElement body) => body.GetProperty("statements").EnumerateArray();

    private static double Round(JsonElement row, string field) => Math.Round(row.GetProperty(field).GetDouble(), 9);

    private static double? Correction(JsonElement row) =>
        row.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "correction").Select(l => Math.Round(l.GetProperty("payable").GetDouble(), 9)).Cast<double?>().SingleOrDefault();
}
