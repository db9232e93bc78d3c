using System.Buffers;
using System.Text.Json;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Core.Tests.Decoding;

/// <summary>
/// <see cref="EventWriter.ToUtf8"/> reuses one buffer and writer per thread: every event still comes out as the bytes a
/// fresh writer makes, whatever was written before it (a long comment after a short impression, and back).
/// </summary>
public sealed class EventWriterTests
{
    [Fact]
    public void ToUtf8_GeneratedEventsInARow_EqualsAFreshWriterForEach()
    {
        var events = new TrafficGenerator(new GeneratorOptions { Seed = 11, StartMs = 1_767_225_600_000, EventsPerSecond = 200, MaxEvents = 5_000 })
            .Generate()
            .Select(r => r.Event)
            .OfType<StreamEvent>()
            .ToList();
        Assert.True(events.Count > 4_000);
        Assert.Contains(events, e => e is Engagement { CommentText.Length: > 20 });

        foreach (var includeType in new[] { false, true })
        {
            foreach (var e in events)
            {
                Assert.Equal(Fresh(e, includeType), EventWriter.ToUtf8(e, includeType));
            }
        }
    }

    [Fact]
    public void ToUtf8_ALongEventThenAShortOne_HasNoTailOfTheLongOne()
    {
        var shortOne = Testing.EventBuilder.Impression("u1", Testing.EventBuilder.T0);
        var longOne = Testing.EventBuilder.Engagement("u2", Testing.EventBuilder.T0, EngagementKind.Comment) with { CommentText = new string('x', 3_000) };

        var first = EventWriter.ToUtf8(longOne, includeType: true);
        var second = EventWriter.ToUtf8(shortOne, includeType: true);

        Assert.Equal(Fresh(longOne, true), first);
        Assert.Equal(Fresh(shortOne, true), second);
        Assert.True(second.Length < 400);
    }

    private static byte[] Fresh(StreamEvent e, bool includeType)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EventWriter.Write(writer, e, includeType);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
