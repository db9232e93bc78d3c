using System.Text;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// Events waiting for event time in a brand task: an audience event waits without its record's bytes, a conversion
/// with them, since a refund of an order never seen becomes a dead letter when it is released, and a dead letter carries
/// the record as it was written (docs/design.md, "Events"), across a snapshot too. And once observed, only engagements
/// and clicks wait for their authenticity judgement: an impression is never judged.
/// </summary>
public sealed class WaitingEventBytesTests
{
    private static readonly SourcePartition Source = new("creatorstream.conversions", 0);
    private static readonly SourcePartition Impressions = new("creatorstream.impressions", 0);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Release_ARefundOfAnOrderNeverSeen_DeadLettersTheBytesItCameWith(bool snapshotWhileWaiting)
    {
        var catalog = TestCampaigns.Spring();
        var refund = EventBuilder.Conversion("u9", EventBuilder.T0, -10m, id: "r9") with { OrderId = "never-sold" };
        var key = "key of u9"u8.ToArray();
        var value = Encoding.UTF8.GetBytes("  " + Encoding.UTF8.GetString(EventBuilder.Line(refund)) + "\t "); // not as the writer would write it
        var task = Task(catalog, Source);
        var arrived = new BatchResult(0);
        task.Process([BrandInput.Event(new InboundRecord(Source, 41, null, key, value, EventBuilder.T0 + 5))], arrived);
        Assert.Empty(arrived.DeadLetters); // waiting: event time has not passed it

        if (snapshotWhileWaiting)
        {
            var snapshot = task.Save(1);
            task = Task(catalog, Source);
            task.Load(snapshot);
        }

        var released = new BatchResult(0);
        task.Process([BrandInput.Of(new SourceMark(Source, 42, EventBuilder.T0 + 60_000, Idle: false))], released);

        var letter = Assert.Single(released.DeadLetters);
        Assert.Equal(DeadLetterReason.UnknownOrder, letter.Reason);
        Assert.Equal(key, letter.Record.Key.ToArray());
        Assert.Equal(value, letter.Record.Value.ToArray());
        Assert.Equal((Source, 41L, (long?)(EventBuilder.T0 + 5)), (letter.Record.Source, letter.Record.Offset, letter.Record.WrittenAtMs));
    }

    [Fact]
    public void Load_AnImpressionThatWaitedWithoutItsBytes_IsCountedAsTheOriginalCountsIt()
    {
        var catalog = TestCampaigns.Spring();
        var impression = EventBuilder.Impression("u1", EventBuilder.T0, id: "i1") with { Country = "DE", DeviceId = "d-1" };
        var original = Task(catalog, Impressions);
        original.Process([BrandInput.Event(new InboundRecord(Impressions, 7, null, "u1"u8.ToArray(), EventBuilder.Line(impression)))], new BatchResult(0));
        var snapshot = original.Save(1);
        var restored = Task(catalog, Impressions);
        restored.Load(snapshot);
        Assert.True(snapshot.SameBytes(restored.Save(1))); // written back as it was read

        var mark = BrandInput.Of(new SourceMark(Impressions, 8, EventBuilder.T0 + 600_000, Idle: false));
        var expected = new BatchResult(0);
        var actual = new BatchResult(0);
        original.Process([mark], expected);
        restored.Process([mark], actual);

        Assert.Equal(
            expected.ClosedWindows.Select(w => (w.Key, w.Counters.Impressions, w.Reach)),
            actual.ClosedWindows.Select(w => (w.Key, w.Counters.Impressions, w.Reach)));
        Assert.Contains(actual.ClosedWindows, w => w.Counters.Impressions == 1);
    }

    [Fact]
    public void Observe_ImpressionsAndEngagements_OnlyTheEngagementsWaitForJudgement()
    {
        var catalog = TestCampaigns.Spring();
        var task = Task(catalog, Impressions);
        var events = new List<BrandInput>();
        for (var i = 0; i < 6; i++)
        {
            Core.Events.StreamEvent e = i % 3 == 0
                ? EventBuilder.Engagement($"u{i}", EventBuilder.T0 + (i * 1_000), id: $"e{i}")
                : EventBuilder.Impression($"u{i}", EventBuilder.T0 + (i * 1_000), id: $"i{i}");
            events.Add(BrandInput.Event(new InboundRecord(Impressions, i, null, ReadOnlyMemory<byte>.Empty, EventBuilder.Line(e))));
        }

        task.Process(events, new BatchResult(0));
        Assert.Equal(6, Assert.Single(task.Brands).Pending); // none observed yet

        // Past every event, not yet past the judge lag: observed, and only the two engagements wait to be judged.
        task.Process([BrandInput.Of(new SourceMark(Impressions, 6, EventBuilder.T0 + 30_000, Idle: false))], new BatchResult(0));
        Assert.Equal(2, Assert.Single(task.Brands).Pending);
    }

    private static BrandTask Task(CampaignCatalog catalog, SourcePartition source)
    {
        var options = ProcessorOptions.Default with { IdleTimeout = null };
        var task = new BrandTask(0, catalog, new BrandRouter(catalog, 1), options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder());
        task.Upstream.Expect(source);
        return task;
    }
}
