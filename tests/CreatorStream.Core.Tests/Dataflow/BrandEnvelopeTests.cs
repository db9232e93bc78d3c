using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>The brand topic's envelope: what a source task writes is what the brand task reads, byte for byte.</summary>
public sealed class BrandEnvelopeTests
{
    [Fact]
    public void Decode_AnEncodedEvent_GivesItsOriginTypeTimeKeyAndValueBack()
    {
        var record = new InboundRecord(new SourcePartition("creatorstream.clicks", 7), 123_456_789_012, EventType.Click, "u-1"u8.ToArray(), "{\"a\":1}"u8.ToArray(), 1_767_225_600_123);

        var back = BrandEnvelope.Decode(BrandEnvelope.Encode(BrandInput.Event(record))).Record;

        Assert.Equal(record.Source, back.Source);
        Assert.Equal(123_456_789_012, back.Offset);
        Assert.Equal(EventType.Click, back.TypeHint);
        Assert.Equal(1_767_225_600_123, back.WrittenAtMs);
        Assert.Equal("u-1"u8.ToArray(), back.Key.ToArray());
        Assert.Equal("{\"a\":1}"u8.ToArray(), back.Value.ToArray());
    }

    [Fact]
    public void Decode_AnEventWithoutTypeOrTime_KeepsThemAbsent()
    {
        var record = new InboundRecord(new SourcePartition("creatorstream.conversions", 0), 0, null, ReadOnlyMemory<byte>.Empty, "x"u8.ToArray());

        var back = BrandEnvelope.Decode(BrandEnvelope.Encode(BrandInput.Event(record))).Record;

        Assert.Null(back.TypeHint);
        Assert.Null(back.WrittenAtMs);
        Assert.Equal(0, back.Key.Length);
    }

    [Fact]
    public void Decode_AnEncodedMark_GivesItBack()
    {
        var mark = new SourceMark(new SourcePartition("creatorstream.impressions", 15), 42, 1_767_225_599_000, Idle: true);

        Assert.Equal(mark, BrandEnvelope.Decode(BrandEnvelope.Encode(BrandInput.Of(mark))).Mark);
    }

    [Fact]
    public void Decode_OneTopicOnManyRecords_SharesOneNameString()
    {
        BrandEnvelope.ForgetTopicNames(); // room for this name, whatever ran before (the names are kept per process)
        var topic = $"creatorstream.{Guid.NewGuid():N}"; // made at run time: no literal's interned instance to fall back on
        var first = BrandEnvelope.Decode(Envelope(topic, 1)).Record.Source.Topic;
        var second = BrandEnvelope.Decode(Envelope(topic, 2)).Record.Source.Topic;

        Assert.Equal(topic, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Decode_MoreTopicsThanItRemembers_StillNamesEachRightly()
    {
        var topics = Enumerable.Range(0, 40).Select(i => $"envelope-topic-{i}").ToList();

        foreach (var round in Enumerable.Range(0, 2))
        {
            Assert.All(topics, topic => Assert.Equal(topic, BrandEnvelope.Decode(Envelope(topic, round)).Record.Source.Topic));
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0 })]
    [InlineData(new byte[] { 0, 200, 1, 2 })]
    public void Decode_BytesItDidNotWrite_Throws(byte[] bytes) =>
        Assert.Throws<FormatException>(() => BrandEnvelope.Decode(bytes));

    private static byte[] Envelope(string topic, long offset) =>
        BrandEnvelope.Encode(BrandInput.Event(new InboundRecord(new SourcePartition(topic, 0), offset, EventType.Engagement, ReadOnlyMemory<byte>.Empty, "{}"u8.ToArray())));
}
