using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Snapshots;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// The snapshot form of a waiting impression, engagement or click (<see cref="AudienceEventCodec"/>, snapshot formats 19
/// and 20; docs/design.md, "Recovery"): read back, it is the event written as decoding holds it (its identifiers as their
/// keys, <see cref="EventBuilder.AsDecoded"/>), by record equality over every field, and the same event that decoding the
/// schema's JSON of it gives, which is what earlier formats restored.
/// </summary>
public sealed class AudienceEventCodecTests
{
    [Fact]
    public void GeneratedEvents_ReadBackEqualToWrittenAndToTheirJson()
    {
        var events = new TrafficGenerator(new GeneratorOptions { Seed = 11, StartMs = 1_767_225_600_000, EventsPerSecond = 200, MaxEvents = 5_000 })
            .Generate()
            .Select(r => r.Event)
            .OfType<AudienceEvent>()
            .ToList();
        Assert.Contains(events, e => e is Engagement { CommentText.Length: > 20, AccountAgeDays: not null });
        Assert.Contains(events, e => e is Click { UtmSource: not null });
        Assert.Contains(events, e => e is Impression { Country: not null, IpHash: not null });

        var decoder = new EventDecoder();
        var read = RoundTrip(events, decoder);

        Assert.Equal(events.Count, read.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(EventBuilder.AsDecoded(events[i]), read[i]);
            Assert.Equal(decoder.Decode(EventWriter.ToUtf8(events[i], includeType: false), events[i].Type).Event, read[i]);
        }
    }

    [Fact]
    public void EveryPropertyOfEachType_SetOrUnset_ReadsBack()
    {
        // Each public property set to a value unlike the builder's, one at a time and all at once: a property the codec
        // forgot would come back as it was built, and record equality would see it.
        AudienceEvent[] built =
        [
            EventBuilder.Impression("u1", EventBuilder.T0),
            EventBuilder.Engagement("u2", EventBuilder.T0, EngagementKind.Comment),
            EventBuilder.Click("u3", EventBuilder.T0),
        ];
        var cases = AudienceEventVariants.Of(built);

        var read = RoundTrip(cases, new EventDecoder());

        Assert.Equal(cases.Select(EventBuilder.AsDecoded), read);
        Assert.Equal(cases.Count, cases.Distinct().Count()); // every case differs from the others: each property was set
    }

    [Fact]
    public void Read_SharesTheDecodersIds()
    {
        var decoder = new EventDecoder();
        var first = EventBuilder.Click("u1", EventBuilder.T0) with { UtmSource = "newsletter" };
        var second = EventBuilder.Click("u2", EventBuilder.T0 + 1) with { UtmSource = "newsletter" };

        var read = RoundTrip([first, second], decoder).Cast<Click>().ToList();

        Assert.Same(read[0].CampaignId, read[1].CampaignId);
        Assert.Same(read[0].LinkId, read[1].LinkId);
        Assert.Same(read[0].UtmSource, read[1].UtmSource);
        Assert.NotSame(read[0].EventId, read[1].EventId);
    }

    [Fact]
    public void Read_AnotherEventType_IsRefused()
    {
        var writer = new SnapshotWriter();
        writer.Write((byte)EventType.Conversion);
        writer.Write("e1");

        var error = Assert.Throws<InvalidDataException>(() => AudienceEventCodec.Read(new SnapshotReader(writer.ToBytes()), new EventDecoder().Ids));
        Assert.Contains("type 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Format19_TakesTheIdentifiersTextAsTheirKeys()
    {
        var e = EventBuilder.Impression("u1", EventBuilder.T0) with { IpHash = "ip-1", DeviceId = null, UserAgentHash = "ua-ü" };
        var writer = new SnapshotWriter();
        writer.Write((byte)e.Type);
        writer.Write(e.EventId);
        writer.Write(e.Ts);
        writer.Write(e.UserId);
        writer.Write(e.CampaignId);
        writer.Write(e.CreatorId);
        writer.Write(e.ContentId);
        writer.Write((byte)e.Platform);
        writer.Write("ip-1");
        writer.Write((string?)null);
        writer.Write("ua-ü");
        writer.Write(e.Country);
        writer.Write((byte)e.ContentFormat);

        var read = AudienceEventCodec.Read(new SnapshotReader(writer.ToBytes()) { Format = 19 }, new EventDecoder().Ids);

        Assert.Equal(EventBuilder.AsDecoded(e), read);
        Assert.Equal((IdentifierKey.Of("ip-1"), IdentifierKey.None, IdentifierKey.Of("ua-ü")), (read.IpKey, read.DeviceKey, read.UserAgentKey));
    }

    private static List<AudienceEvent> RoundTrip(IReadOnlyList<AudienceEvent> events, EventDecoder decoder)
    {
        var writer = new SnapshotWriter();
        foreach (var e in events)
        {
            AudienceEventCodec.Write(writer, e);
        }

        var reader = new SnapshotReader(writer.ToBytes());
        var read = events.Select(_ => AudienceEventCodec.Read(reader, decoder.Ids)).ToList();
        Assert.True(reader.AtEnd);
        return read;
    }
}
