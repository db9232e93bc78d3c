using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// Content records and flag reviews on a real Redis (docs/design.md, "Content"): the same batches committed to Redis and
/// to the memory store read back alike, later records replace earlier ones, and a review applies only from the state it
/// was decided from, with its audit entry in the same step.
/// </summary>
public sealed class RedisContentTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Commit_ContentRecords_ReadBackAsOnTheMemoryStore()
    {
        var catalog = TestCampaigns.Spring();
        var store = redis.NewStore(catalog);
        var memory = new InMemoryStateStore();
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var batches = new[]
        {
            processor.Process(Batch(1_000, Record(Post("post-1", T0, "code ANNA10"), 0), Record(Post("post-b", T0 + 1, "#ad", creator: "ben"), 1))),
            processor.Process(Batch(2_000, Record(Post("post-1", T0 + 60_000, "#ad code ANNA10", action: PostAction.Edited), 2))),
            processor.Flush(3_000),
        };
        foreach (var batch in batches)
        {
            await store.CommitAsync(batch.Delta, default);
            await memory.CommitAsync(batch.Delta, default);
        }

        var fromRedis = await store.ReadContentAsync("spring", default);
        var fromMemory = await memory.ReadContentAsync("spring", default);

        Assert.Equal(Json(fromMemory), Json(fromRedis));
        Assert.Equal(2, fromRedis.Posts.Count);
        var kinds = fromRedis.Flags.Select(f => (f.ContentId, f.Kind, Cleared: f.ClearedAt is not null)).Order().ToList();
        Assert.Equal([("post-1", ComplianceKinds.DisclosureMissing, true), ("post-b", ComplianceKinds.UntrackedPost, false)], kinds); // ben's post has no link or code
        Assert.Empty((await store.ReadContentAsync("autumn", default)).Posts);
    }

    [Fact]
    public async Task Review_AppliesOnlyFromTheStateItWasDecidedFrom_WithItsAuditEntry()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        await store.CommitAsync(new Core.State.StateDelta { WallClockMs = T0 }, default); // a worker has stored the campaign
        var acknowledge = Entry("f1", ReviewStates.Acknowledge, ReviewStates.Open, ReviewStates.Acknowledged, "Maria", null);

        Assert.Equal(new ReviewOutcome(true, ReviewStates.Acknowledged), await store.ReviewAsync("spring", acknowledge, default));
        Assert.Equal(new ReviewOutcome(false, ReviewStates.Acknowledged), await store.ReviewAsync("spring", acknowledge with { By = "Tom" }, default)); // decided from open: refused
        var dismiss = Entry("f1", ReviewStates.Dismiss, ReviewStates.Acknowledged, ReviewStates.Dismissed, "Tom", "label added in the app");
        Assert.Equal(new ReviewOutcome(true, ReviewStates.Dismissed), await store.ReviewAsync("spring", dismiss, default));

        var ledger = await store.ReadReviewsAsync("spring", default);
        Assert.Equal([acknowledge, dismiss], ledger.Trail);
        Assert.Equal((ReviewStates.Dismissed, "Tom", "label added in the app"), (ledger.Of("f1").State, ledger.Of("f1").By, ledger.Of("f1").Reason));
        Assert.Equal(ReviewStates.Open, ledger.Of("f2").State);
    }

    private static ReviewEntry Entry(string flag, string action, string from, string to, string by, string? reason) =>
        new() { FlagId = flag, Action = action, From = from, To = to, By = by, At = T0, Reason = reason, KeyId = "abc" };

    private static string Json(CampaignContent content) =>
        string.Join('\n', content.Posts.Select(ContentJson.Write).Concat(content.Flags.Select(ContentJson.Write)).Concat(content.Deliverables.Select(ContentJson.Write)));
}
