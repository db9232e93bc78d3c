using System.Text;
using Confluent.Kafka;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Integration.Tests;

public sealed class ProduceVerbTests
{
    [Fact]
    public async Task RunAsync_JsonLinesFile_PublishesEachLineToItsTopicKeyedByUserAndUntypedLinesToDeadLetters()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, 4);
        using var dir = new TempDirectory("produce-");
        var file = dir.Combine("events.jsonl");
        string[] lines =
        [
            Text(Impression("alice", T0, id: "i1")),
            Text(Click("alice", T0 + 1, id: "c1")),
            Text(Engagement("bob", T0 + 2, id: "g1")),
            Text(Conversion("bob", T0 + 3, id: "v1")),
            Text(Impression("alice", T0 + 4, id: "i2")),
            """{"user_id":"carol","event_id":"no-type"}""",
        ];
        await File.WriteAllLinesAsync(file, lines);
        var verb = new ProduceVerb(TextWriter.Null, TimeProvider.System);

        var code = await verb.RunAsync(ParsedArgs.Parse(["--kafka", broker.BootstrapServers, "--events", file, "--rate", "1000"], verb.Options), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        var byTopic = ReadAll(new KafkaClientSettings(broker.BootstrapServers), [.. Topics.Ingest, Topics.DeadLetters], lines.Length)
            .GroupBy(r => r.Topic)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToList());
        var impressions = byTopic[Topics.Impressions];
        Assert.Equal(["i1", "i2"], impressions.Select(m => EventId(m.Value))); // one user, one partition: file order kept
        Assert.All(impressions, m => Assert.Equal("alice", Encoding.UTF8.GetString(m.Key)));
        Assert.Equal(lines[1], Encoding.UTF8.GetString(Assert.Single(byTopic[Topics.Clicks]).Value));
        Assert.Single(byTopic[Topics.Engagements]);
        Assert.Single(byTopic[Topics.Conversions]);
        var dead = Assert.Single(byTopic[Topics.DeadLetters]);
        Assert.Equal(lines[5], Encoding.UTF8.GetString(dead.Value));
        Assert.Equal("UNKNOWN_EVENT_TYPE", Encoding.UTF8.GetString(dead.Headers.GetLastBytes("cs.dlq.reason")));
        Assert.Equal("5", Encoding.UTF8.GetString(dead.Headers.GetLastBytes("cs.dlq.offset")));
    }

    private static List<ConsumeResult<byte[], byte[]>> ReadAll(KafkaClientSettings settings, IEnumerable<string> topics, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(settings.Consumer("reader-" + Guid.NewGuid(), "test")).Build();
        consumer.Subscribe(topics);
        var messages = new List<ConsumeResult<byte[], byte[]>>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && messages.Count < expected)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                messages.Add(result);
            }
        }

        // Read a little longer: anything more would be a stray copy.
        while (consumer.Consume(TimeSpan.FromMilliseconds(300)) is { } extra)
        {
            messages.Add(extra);
        }

        consumer.Close();
        return messages;
    }

    private static string EventId(byte[] value) => System.Text.Json.JsonDocument.Parse(value).RootElement.GetProperty("event_id").GetString()!;

    private static string Text(Core.Events.StreamEvent e) => Encoding.UTF8.GetString(Line(e));
}
