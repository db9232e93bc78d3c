using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>The brand topic's envelopes and frames: what a source task writes is what the brand task reads, byte for byte.</summary>
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

    [Fact]
    public void DecodeAll_FramesOfManyInputs_GiveEveryInputBackInOrder()
    {
        var random = new Random(19);
        var inputs = Enumerable.Range(0, 3_000).Select(i => RandomInput(random, i)).ToList();
        var frame = new BrandFrame();
        var records = new List<byte[]>();
        foreach (var input in inputs)
        {
            if (frame.WouldOverflow(input))
            {
                records.Add(frame.Take());
            }

            frame.Add(input);
        }

        records.Add(frame.Take());

        var back = new List<BrandInput>();
        var counts = records.Select(r => BrandEnvelope.DecodeAll(r, back)).ToList();

        Assert.True(records.Count > 10, $"the inputs should need many frames, not {records.Count}");
        Assert.All(records.SkipLast(1), r => Assert.InRange(r.Length, BrandFrame.MaxBytes - 4_200, BrandFrame.MaxBytes)); // filled to within a record, never past
        Assert.Equal(inputs.Count, counts.Sum());
        Assert.Equal(inputs.Count, back.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            AssertSame(inputs[i], back[i]);
        }
    }

    [Fact]
    public void Take_InArraysKeptByLength_PadsWithZerosAndReadsBackTheSameInputs()
    {
        var random = new Random(23);
        var inputs = Enumerable.Range(0, 3_000).Select(i => RandomInput(random, i)).ToList();
        var (padded, exact) = (new BrandFrame(), new BrandFrame());
        var arrays = new FrameArrays();
        var sent = new List<(byte[] Padded, byte[] Exact)>();
        var lengths = new HashSet<int>();
        var instances = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        void Take()
        {
            var array = padded.Take(arrays);
            lengths.Add(array.Length);
            instances.Add(array);
            sent.Add((array.ToArray(), exact.Take())); // copied, as the producer does before the array takes another frame
        }

        foreach (var input in inputs)
        {
            if (padded.WouldOverflow(input))
            {
                Take();
            }

            padded.Add(input);
            exact.Add(input);
            if (random.Next(40) == 0)
            {
                Take(); // frames of every length, as the ends of batches make them
            }
        }

        Take();

        var back = new List<BrandInput>();
        foreach (var (array, bytes) in sent)
        {
            Assert.Equal(BrandFrame.PaddedLength(bytes.Length), array.Length);
            Assert.Equal(bytes, array[..bytes.Length]);
            Assert.All(array[bytes.Length..], b => Assert.Equal(0, b));
            BrandEnvelope.DecodeAll(array, back);
        }

        Assert.Equal(inputs.Count, back.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            AssertSame(inputs[i], back[i]);
        }

        Assert.Equal(lengths.Count, arrays.Made); // one array a length, whatever the number of frames
        Assert.Equal(lengths.Count, instances.Count);
        Assert.True(sent.Count > instances.Count + 20, $"{sent.Count} frames in {instances.Count} arrays: too few reused");
    }

    [Fact]
    public void PaddedLength_AtMostAnEighthMoreAndFewLengthsAnOctave()
    {
        var previous = 0;
        var distinct = new HashSet<int>();
        for (var length = 0; length <= BrandFrame.MaxBytes; length++)
        {
            var padded = BrandFrame.PaddedLength(length);
            Assert.True(padded >= Math.Max(length, 64) && padded >= previous, $"{length} -> {padded}");
            Assert.True(length <= 64 || padded - length < length / 8.0, $"{length} -> {padded}: more than an eighth added");
            Assert.True(padded <= BrandFrame.MaxBytes, $"{length} -> {padded}: past a frame's most");
            distinct.Add(padded);
            previous = padded;
        }

        Assert.InRange(distinct.Count, 60, 90); // eight an octave from 64 bytes to 64 KiB
    }

    [Fact]
    public void Take_AnOutsizeFrameInArraysKeptByLength_GetsOneOfItsOwn()
    {
        var arrays = new FrameArrays();
        var frame = new BrandFrame();
        frame.Add(BrandInput.Event(new InboundRecord(new SourcePartition("creatorstream.clicks", 1), 2, EventType.Click, ReadOnlyMemory<byte>.Empty, new byte[BrandFrame.MaxBytes + 10])));
        var length = frame.Length;

        var bytes = frame.Take(arrays);

        Assert.Equal(length, bytes.Length);
        Assert.Equal(0, arrays.Made);
    }

    [Fact]
    public void Take_AFrameUsedBefore_WritesWhatANewFrameWrites()
    {
        var random = new Random(7);
        var first = Enumerable.Range(0, 200).Select(i => RandomInput(random, i)).ToList();
        var second = Enumerable.Range(0, 5).Select(i => RandomInput(random, i)).ToList();
        var used = new BrandFrame();
        first.ForEach(used.Add);
        used.Take();

        second.ForEach(used.Add);
        var fresh = new BrandFrame();
        second.ForEach(fresh.Add);

        Assert.Equal(5, used.Count);
        Assert.Equal(fresh.Take(), used.Take());
        Assert.Equal(0, used.Count);
    }

    [Fact]
    public void Add_ARecordLargerThanAFrame_TravelsAloneInOne()
    {
        var frame = new BrandFrame();
        var small = BrandInput.Event(new InboundRecord(new SourcePartition("creatorstream.clicks", 1), 1, EventType.Click, ReadOnlyMemory<byte>.Empty, "{}"u8.ToArray()));
        var large = BrandInput.Event(new InboundRecord(new SourcePartition("creatorstream.clicks", 1), 2, EventType.Click, ReadOnlyMemory<byte>.Empty, new byte[BrandFrame.MaxBytes + 10]));
        frame.Add(small);

        Assert.True(frame.WouldOverflow(large));
        var lengthBefore = frame.Length;
        Assert.False(frame.TryAdd(large)); // refused whole: the frame is as it was
        Assert.Equal((1, lengthBefore), (frame.Count, frame.Length));
        frame.Take();
        Assert.False(frame.WouldOverflow(large)); // an empty frame takes it whatever its size
        Assert.True(frame.TryAdd(large));
        var bytes = frame.Take();

        var back = new List<BrandInput>();
        Assert.Equal(1, BrandEnvelope.DecodeAll(bytes, back));
        Assert.Equal(BrandFrame.MaxBytes + 10, back[0].Record.Value.Length);
    }

    [Fact]
    public void DecodeAll_OneBareEnvelope_IsAFrameOfOne()
    {
        var mark = new SourceMark(new SourcePartition("creatorstream.impressions", 3), 10, 1_767_225_599_000, Idle: false);
        var back = new List<BrandInput>();

        Assert.Equal(1, BrandEnvelope.DecodeAll(BrandEnvelope.Encode(BrandInput.Of(mark)), back)); // as builds before frames wrote it
        Assert.Equal(mark, back[0].Mark);
    }

    [Fact]
    public void DecodeAll_FrameBytesItDidNotWrite_ThrowsAndAppendsNothing()
    {
        var frame = new BrandFrame();
        frame.Add(BrandInput.Of(new SourceMark(new SourcePartition("creatorstream.clicks", 0), 1, 2, Idle: false)));
        frame.Add(BrandInput.Event(new InboundRecord(new SourcePartition("creatorstream.clicks", 0), 5, null, ReadOnlyMemory<byte>.Empty, "{}"u8.ToArray())));
        var good = frame.Take();
        byte[][] bad =
        [
            good[..3], // header cut
            [.. good[..1], .. BitConverter.GetBytes(-1), .. good[5..]], // negative count
            [.. good[..1], .. BitConverter.GetBytes(3), .. good[5..]], // one envelope more than it holds
            [.. good[..1], .. BitConverter.GetBytes(1), .. good[5..]], // one envelope fewer: bytes after the last
            good[..^1], // the last envelope cut
            [.. good, 7], // a byte after the last envelope
            [.. good, 0, 0, 3], // padding, then a byte that is not
        ];
        var into = new List<BrandInput> { BrandInput.Of(new SourceMark(new SourcePartition("t", 0), 0, 0, Idle: true)) };

        Assert.All(bad, bytes => Assert.Throws<FormatException>(() => BrandEnvelope.DecodeAll(bytes, into)));
        Assert.Single(into); // what was there before, nothing of the bad frames
        Assert.Throws<FormatException>(() => BrandEnvelope.Decode(good)); // a frame is not one envelope
        Assert.Equal(2, BrandEnvelope.DecodeAll(good, into));
    }

    private static BrandInput RandomInput(Random random, int i)
    {
        var topic = random.Next(3) switch { 0 => "creatorstream.impressions", 1 => "creatorstream.engagements", _ => "creatorstream.conversions" };
        var origin = new SourcePartition(topic, random.Next(16));
        if (random.Next(10) == 0)
        {
            return BrandInput.Of(new SourceMark(origin, random.NextInt64(1L << 40), random.NextInt64(1L << 41), random.Next(2) == 0));
        }

        var key = new byte[random.Next(3) == 0 ? 0 : random.Next(1, 40)];
        var value = new byte[random.Next(1, random.Next(20) == 0 ? 4_000 : 600)];
        random.NextBytes(key);
        random.NextBytes(value);
        EventType? type = random.Next(4) == 0 ? null : (EventType)random.Next(4);
        long? writtenAt = random.Next(5) == 0 ? null : 1_767_225_600_000 + i;
        return BrandInput.Event(new InboundRecord(origin, random.NextInt64(1L << 40), type, key, value, writtenAt));
    }

    private static void AssertSame(BrandInput expected, BrandInput actual)
    {
        Assert.Equal(expected.Mark, actual.Mark);
        if (expected.Mark is null)
        {
            Assert.Equal(expected.Record.Source, actual.Record.Source);
            Assert.Equal(expected.Record.Offset, actual.Record.Offset);
            Assert.Equal(expected.Record.TypeHint, actual.Record.TypeHint);
            Assert.Equal(expected.Record.WrittenAtMs, actual.Record.WrittenAtMs);
            Assert.True(expected.Record.Key.Span.SequenceEqual(actual.Record.Key.Span));
            Assert.True(expected.Record.Value.Span.SequenceEqual(actual.Record.Value.Span));
        }
    }

    private static byte[] Envelope(string topic, long offset) =>
        BrandEnvelope.Encode(BrandInput.Event(new InboundRecord(new SourcePartition(topic, 0), offset, EventType.Engagement, ReadOnlyMemory<byte>.Empty, "{}"u8.ToArray())));
}
