using CreatorStream.Core.Commissions;
using CreatorStream.Core.Content;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// Commission statements and decisions on a real Redis (docs/design.md, "Commissions"): the stream's statements read
/// back as on the memory store, and a decision applies only from the state it was decided from, with its audit entry in
/// the same step; an approval is final.
/// </summary>
public sealed class RedisStatementTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Commit_Statements_ReadBackAsOnTheMemoryStore()
    {
        var catalog = Catalog();
        var store = redis.NewStore(catalog);
        var memory = new InMemoryStateStore();
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var offset = 0L;
        var batch = processor.Process(EventBuilder.Batch(1_000, [.. Events(T0 + (30 * Hour)).Select(e => EventBuilder.Record(e, offset++))]));
        await store.CommitAsync(batch.Delta, default);
        await memory.CommitAsync(batch.Delta, default);

        var fromRedis = (await store.ReadContentAsync("spring", default)).Commissions!;
        var fromMemory = (await memory.ReadContentAsync("spring", default)).Commissions!;

        Assert.Equal(ContentJson.Write(fromMemory), ContentJson.Write(fromRedis));
        Assert.Equal(4, fromRedis.Statements.Count);
        Assert.Equal(106.0, fromRedis.Statements.Single(s => s.CreatorId == "ben" && s.PeriodStart == T0).Payable, 9);
    }

    [Fact]
    public async Task Decide_AppliesOnlyFromTheStateItWasDecidedFrom_AndAnApprovalIsFinal()
    {
        var store = redis.NewStore(Catalog());
        await store.CommitAsync(new Core.State.StateDelta { WallClockMs = T0 }, default); // a worker has stored the campaign
        var frozen = new CommissionStatement("anna", T0, T0 + Day, T0 + Hour, [new CommissionLine("flat", "per period", 20, 0, 20)]);
        var reject = Decision(StatementStates.Reject, StatementStates.Draft, StatementStates.Rejected, "Maria", "wrong period", null);
        var approve = Decision(StatementStates.Approve, StatementStates.Rejected, StatementStates.Approved, "Maria", null, frozen);

        Assert.Equal(new DecisionOutcome(true, StatementStates.Rejected), await store.DecideAsync("spring", reject, default));
        Assert.Equal(new DecisionOutcome(false, StatementStates.Rejected), await store.DecideAsync("spring", reject with { By = "Tom" }, default)); // decided from draft: refused
        Assert.Equal(new DecisionOutcome(true, StatementStates.Approved), await store.DecideAsync("spring", approve, default));
        Assert.Equal(new DecisionOutcome(false, StatementStates.Approved), await store.DecideAsync("spring", approve with { From = StatementStates.Draft }, default));

        var decisions = await store.ReadDecisionsAsync("spring", default);
        Assert.Equal([ContentJson.Write(reject), ContentJson.Write(approve)], decisions.Trail.Select(ContentJson.Write));
        Assert.Equal(StatementStates.Approved, decisions.StateOf(approve.StatementId));
        Assert.Equal(20.0, decisions.Latest[approve.StatementId].Statement!.Payable);
        Assert.Equal(StatementStates.Draft, decisions.StateOf("ben|2026-03-02"));
    }

    [Fact]
    public async Task Decide_AnApprovalDecidedAgainstApprovalsThatMoved_IsRefusedAsChanged()
    {
        var store = redis.NewStore(Catalog());
        await store.CommitAsync(new Core.State.StateDelta { WallClockMs = T0 }, default);
        var frozen = new CommissionStatement("anna", T0, T0 + Day, T0 + Hour, [new CommissionLine("flat", "per period", 20, 0, 20)]);
        var first = Decision(StatementStates.Approve, StatementStates.Draft, StatementStates.Approved, "Maria", null, frozen) with { ApprovedBefore = 0 };
        var second = first with { StatementId = StatementDecision.IdOf("anna", T0 + Day), PeriodStart = T0 + Day, PeriodEnd = T0 + (2 * Day) };

        Assert.Equal(new DecisionOutcome(true, StatementStates.Approved), await store.DecideAsync("spring", first, default));
        // Decided while the first was not yet approved (two approvers at once): it might carry the same correction.
        Assert.Equal(new DecisionOutcome(false, StatementStates.Changed), await store.DecideAsync("spring", second, default));
        Assert.Equal(new DecisionOutcome(true, StatementStates.Approved), await store.DecideAsync("spring", second with { ApprovedBefore = 1 }, default));
        Assert.Equal(new DecisionOutcome(true, StatementStates.Approved), await store.DecideAsync("spring", second with { StatementId = "ben|2026-03-02", CreatorId = "ben", ApprovedBefore = 0 }, default)); // another creator's count
        Assert.Equal(3, (await store.ReadDecisionsAsync("spring", default)).Trail.Count);
    }

    private static StatementDecision Decision(string action, string from, string to, string by, string? reason, CommissionStatement? statement) => new()
    {
        StatementId = StatementDecision.IdOf("anna", T0),
        CreatorId = "anna",
        PeriodStart = T0,
        PeriodEnd = T0 + Day,
        Action = action,
        From = from,
        To = to,
        By = by,
        At = T0 + (2 * Hour),
        Reason = reason,
        KeyId = "abc",
        Payable = statement?.Payable ?? 20,
        Statement = statement,
    };
}
