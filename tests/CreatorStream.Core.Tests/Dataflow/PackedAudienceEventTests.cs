using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// An audience event on the brand topic as its decoded fields (<see cref="PackedAudienceEvent"/>, decision 0037): sent
/// through a frame as a source stage sends it and read back as a brand task reads it, it is the event that decoding its
/// JSON gives (record equality over every field), for generated traffic and for every property of each type set or
/// unset; it comes from the decoder's pool and shares its ids; a frame's other inputs keep their bytes; bytes it did not
/// write are refused.
/// </summary>
public sealed class PackedAudienceEventTests
{
    private static readonly SourcePartition Origin = new("creatorstream.engagements", 3);

    [Fact]
    public void GeneratedEvents_ThroughAFrame_ReadAsTheirJsonDecodes()
    {
        var records = new TrafficGenerator(new GeneratorOptions { Seed = 23, StartMs = 1_767_225_600_000, EventsPerSecond = 200, MaxEvents = 6_000 }).Generate().ToList();
        var source = new EventDecoder();
        var decoded = records.Select(r => source.Decode(r.Value, r.Type).Event).ToList(); // as a source task holds them
        Assert.Contains(decoded, e => e is Engagement { CommentText.Length: > 20, AccountAgeDays: not null });
        Assert.Contains(decoded, e => e is Click { UtmSource: not null });
        Assert.Contains(decoded, e => e is Impression { Country: not null });
        Assert.Contains(decoded, e => e is not AudienceEvent);

        var inputs = records.Select((r, i) => BrandInput.Event(new InboundRecord(Origin, i, r.Type, System.Text.Encoding.UTF8.GetBytes(r.Key ?? ""), r.Value, 1_767_225_600_000 + i), decoded[i])).ToList();
        var read = ThroughFrames(inputs);

        Assert.Equal(records.Count, read.Count);
        var brand = new EventDecoder();
        for (var i = 0; i < records.Count; i++)
        {
            var input = read[i];
            Assert.Equal((Origin, (long)i, (long?)(1_767_225_600_000 + i)), (input.Record.Source, input.Record.Offset, input.Record.WrittenAtMs));
            if (decoded[i] is AudienceEvent)
            {
                Assert.True(input.Packed);
                Assert.Equal(decoded[i], PackedAudienceEvent.Read(input.Record.Value.Span, input.Record.TypeHint!.Value, brand));
            }
            else
            {
                // Conversions, lead updates, sessions, posts and insights may still become dead letters: their record, verbatim.
                Assert.False(input.Packed);
                Assert.Equal(records[i].Value, input.Record.Value.ToArray());
                Assert.Equal(records[i].Key ?? "", System.Text.Encoding.UTF8.GetString(input.Record.Key.Span));
            }
        }
    }

    [Fact]
    public void EveryPropertyOfEachType_SetOrUnset_ReadsBack()
    {
        // Each public property set to a value unlike the builder's, one at a time and all at once, then decoded from its
        // JSON as a source task decodes it: a property the packed form forgot would come back as it was built.
        AudienceEvent[] built =
        [
            EventBuilder.Impression("u1", EventBuilder.T0),
            EventBuilder.Engagement("u2", EventBuilder.T0, EngagementKind.Comment),
            EventBuilder.Click("u3", EventBuilder.T0) with { DwellMs = null, Pages = null, Country = null },
        ];
        // Not the identifiers' keys: JSON carries their text (set here too), and the decoder makes the keys from it.
        var cases = AudienceEventVariants.Of(built, p => p.PropertyType != typeof(ulong));

        // Ids of every shape: packed (short), a UUID, and one kept as its text.
        cases.Add(EventBuilder.Click("u4", EventBuilder.T0) with { EventId = "3f2b8c1e-9d4a-4b7e-8f00-1234567890ab", UserId = "a-user-id-longer-than-sixteen-bytes-ü" });
        var source = new EventDecoder();
        var decoded = cases.Select(e => (AudienceEvent)source.Decode(EventWriter.ToUtf8(e, includeType: false), e.Type).Event!).ToList();
        Assert.Equal(cases.Count, decoded.Distinct().Count()); // every case differs from the others: each property was set and decoded

        var read = ThroughFrames([.. decoded.Select((e, i) => BrandInput.Event(new InboundRecord(Origin, i, e.Type, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty), e))]);
        var brand = new EventDecoder();

        Assert.Equal(decoded, read.Select(input => PackedAudienceEvent.Read(input.Record.Value.Span, input.Record.TypeHint!.Value, brand)));
    }

    [Fact]
    public void Read_FromTheDecodersPool_SharingItsIds()
    {
        var pools = new AudienceEventPools();
        var brand = new EventDecoder { Pools = pools };
        var first = EventBuilder.Click("u1", EventBuilder.T0) with { UtmSource = "newsletter" };
        var second = EventBuilder.Click("u2", EventBuilder.T0 + 1) with { UtmSource = "newsletter" };
        var read = new[] { first, second }.Select(e => (Click)PackedAudienceEvent.Read(Pack(e), EventType.Click, brand)).ToList();

        Assert.All(read, e => Assert.True(e.Pooling is { Lent: true } && ReferenceEquals(e.Pooling.Pool, pools.Clicks), "lent by the decoder's pool of clicks"));
        Assert.Equal(EventBuilder.AsDecoded(first), read[0]);
        Assert.Same(read[0].CampaignId, read[1].CampaignId);
        Assert.Same(read[0].LinkId, read[1].LinkId);
        Assert.Same(read[0].UtmSource, read[1].UtmSource);
    }

    [Fact]
    public void Read_BytesItDidNotWrite_AreRefused()
    {
        var brand = new EventDecoder();
        var packed = Pack(EventBuilder.Engagement("u1", EventBuilder.T0, EngagementKind.Comment) with { CommentText = "so good", AccountAgeDays = 40 });

        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read(packed.AsSpan(0, packed.Length - 1), EventType.Engagement, brand)); // cut short
        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read([.. packed, 0], EventType.Engagement, brand)); // a byte after
        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read(packed, EventType.Conversion, brand));
        var shape = packed.ToArray();
        shape[1] = 9; // no such id shape
        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read(shape, EventType.Engagement, brand));
        var layout = packed.ToArray();
        layout[0] = PackedAudienceEvent.Layout + 1; // a layout of a later build
        Assert.Contains("layout 2", Assert.Throws<FormatException>(() => PackedAudienceEvent.Read(layout, EventType.Engagement, brand)).Message, StringComparison.Ordinal);

        // An envelope that says it is packed but names no audience type is refused whole.
        var frame = new BrandFrame();
        frame.Add(BrandInput.Event(new InboundRecord(Origin, 1, EventType.Engagement, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty), EventBuilder.Engagement("u1", EventBuilder.T0, EngagementKind.Like)));
        var bytes = frame.Take();
        var typeAt = BrandEnvelope.FrameHeaderBytes + 4 + 2 + Origin.Topic.Length + 4 + 8;
        Assert.Equal((byte)EventType.Engagement, bytes[typeAt]);
        bytes[typeAt] = (byte)EventType.Conversion;
        Assert.Throws<FormatException>(() => BrandEnvelope.DecodeAll(bytes, []));
    }

    [Fact]
    public void Read_MalformedBytes_TakeNothingFromThePool()
    {
        var pools = new AudienceEventPools();
        var brand = new EventDecoder { Pools = pools };
        var packed = Pack(EventBuilder.Click("u1", EventBuilder.T0) with { UtmSource = "newsletter", Pages = 3 });
        var lent = Enumerable.Range(0, AudienceEventPool<Click>.ChunkSize).Select(_ => PackedAudienceEvent.Read(packed, EventType.Click, brand)).ToList();
        lent.ForEach(DecodedEvents.Release);
        Assert.Equal(1, pools.Clicks.FullChunks); // a whole chunk given back, which the next read takes

        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read(packed.AsSpan(0, packed.Length - 3), EventType.Click, brand)); // cut inside pages
        Assert.Throws<FormatException>(() => PackedAudienceEvent.Read([.. packed, 0], EventType.Click, brand));
        Assert.Equal(1, pools.Clicks.FullChunks); // the failed reads took none

        PackedAudienceEvent.Read(packed, EventType.Click, brand);
        Assert.Equal(0, pools.Clicks.FullChunks);
    }

    private static byte[] Pack(AudienceEvent e)
    {
        var decoded = (AudienceEvent)new EventDecoder().Decode(EventWriter.ToUtf8(e, includeType: false), e.Type).Event!;
        var bytes = new byte[PackedAudienceEvent.Length(decoded)];
        Assert.Equal(bytes.Length, PackedAudienceEvent.Write(decoded, bytes));
        return bytes;
    }

    private static List<BrandInput> ThroughFrames(IReadOnlyList<BrandInput> inputs)
    {
        var (read, frame) = (new List<BrandInput>(), new BrandFrame());
        foreach (var input in inputs)
        {
            if (frame.WouldOverflow(input))
            {
                BrandEnvelope.DecodeAll(frame.Take(), read);
            }

            frame.Add(input);
        }

        BrandEnvelope.DecodeAll(frame.Take(), read);
        return read;
    }
}
