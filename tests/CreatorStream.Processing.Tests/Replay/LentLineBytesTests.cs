using System.Text;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A replay copies its lines into blocks that are lent again once their batch is processed (docs/design.md, "Per-event
/// cost"). What outlives a batch must carry its own copy of the bytes: a dead letter from decoding, made as the batch is
/// routed and written at the end, and a conversion that waits for event time and turns into a dead letter when it is
/// released, many batches later. With one record a batch, every block is written over by later lines long before the
/// end, so a dead letter that kept the lent bytes would carry another record's.
/// </summary>
public sealed class LentLineBytesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DeadLetters_MadeEarlyOrReleasedLate_CarryTheirOwnLineVerbatim(int batchSize)
    {
        var refund = Line(Conversion("u9", T0, -10m, id: "r9") with { OrderId = "never-sold" });
        var broken = "{\"type\":\"impression\",\"event_id\":"u8.ToArray();
        var session = Line(Session("u8", T0, 10_000, 3, bounced: false, click: "never-clicked", id: "s8"));
        var lead = Line(new Core.Events.LeadUpdate { EventId = "l7", Ts = T0 + 20_000, UserId = "u7", BrandId = "acme", OrderId = "never-led", Status = Core.Events.LeadStatus.Won });
        var lines = new List<byte[]> { refund, broken, session, lead };
        for (var i = 0; i < 200; i++)
        {
            lines.Add(Line(Impression($"u{i}", T0 + ((i + 1) * 30_000), id: $"i{i}")));
        }

        var text = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();

        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize, MaxBatchesAhead = 1 }
            .RunAsync(new MemoryStream(text), null, CancellationToken.None);

        var byOffset = outcome.DeadLetters.ToDictionary(d => d.Record.Offset);
        Assert.Equal([0L, 1, 2, 3], byOffset.Keys.Order());
        Assert.Equal(refund, byOffset[0].Record.Value.ToArray());
        Assert.Equal("UNKNOWN_ORDER", Core.Decoding.DeadLetterReasons.Code(byOffset[0].Reason));
        Assert.Equal(broken, byOffset[1].Record.Value.ToArray());
        Assert.Equal(session, byOffset[2].Record.Value.ToArray());
        Assert.Equal("UNKNOWN_CLICK", Core.Decoding.DeadLetterReasons.Code(byOffset[2].Reason));
        Assert.Equal(lead, byOffset[3].Record.Value.ToArray());
        Assert.Equal(200, outcome.Report.Campaigns["spring"].Totals.Impressions);
    }

    [Fact]
    public void DeadLetter_KeepsACopy_SoTheBatchBytesMayBeWrittenOver()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"not\":\"an event\"}");
        var key = Encoding.UTF8.GetBytes("k");
        var record = new InboundRecord(new SourcePartition("t", 0), 7, null, key, bytes);

        var letter = new DeadLetter(record, Core.Decoding.DeadLetterStage.Deserialize, Core.Decoding.DeadLetterReason.InvalidJson, "x");
        bytes.AsSpan().Fill((byte)'z');
        key[0] = (byte)'z';

        Assert.Equal("{\"not\":\"an event\"}", Encoding.UTF8.GetString(letter.Record.Value.Span));
        Assert.Equal("k", Encoding.UTF8.GetString(letter.Record.Key.Span));
        Assert.Equal((record.Source, 7L), (letter.Record.Source, letter.Record.Offset));
    }
}
