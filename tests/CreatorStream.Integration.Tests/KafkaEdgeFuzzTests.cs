using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using CreatorStream.Testing.Fuzz;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// Issue 9 at the Kafka edge: thousands of malformed records (raw bytes: not UTF-8, oversize, empty, on the wrong topic,
/// timestamps far ahead of the worker's clock) produced among valid ones to the embedded broker (127.0.0.1) and consumed by
/// the real consume loop, processor and memory store. Every bad record must reach <c>creatorstream.dead-letters</c> with
/// the reason it was made for and its key and value verbatim, and the store's report must equal the replay of the valid
/// records alone (plus one dead letter per bad record).
/// </summary>
public sealed class KafkaEdgeFuzzTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMilliseconds(LimitOptionSpecs.DefaultMaxFutureSkewMs);

    [Fact]
    public async Task Worker_ThousandsOfBadRecordsAmongValidOnes_DeadLettersEachVerbatimWithItsReasonAndReportsAsReplayOfTheValidOnes()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 19, StartMs = EventBuilder.T0, MaxEvents = 6_000, EventsPerSecond = 100, MalformedRate = 0 });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var tick = ClosingTick.After(records, catalog);
        var clock = new ShiftedClock(DateTimeOffset.FromUnixTimeMilliseconds(tick.Ts + 60_000)); // "now" is just after the traffic
        var fuzz = new FuzzRecordGenerator(new FuzzOptions
        {
            Seed = 19,
            BadRecords = 3_000,
            Target = FuzzTarget.Topics,
            WallClockMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            MaxFutureSkew = Skew,
            MaxOversizeBytes = 1_200_000,
        });
        var mix = fuzz.Mix(records).Append(new FuzzRecord(EventType.Impression, Encoding.UTF8.GetBytes(tick.UserId), EventWriter.ToUtf8(tick, includeType: true), null, null)).ToList();
        var bad = mix.Count(r => r.IsBad);
        var expected = await ExpectedReportAsync(catalog, mix);

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        var sent = Produce(kafka, mix, clock.GetUtcNow());

        var stopwatch = Stopwatch.StartNew();
        var store = new InMemoryStateStore();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        var options = ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(5), MaxFutureSkew = Skew };
        var worker = new WorkerPipeline(kafka, catalog, options, store, null, clock, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        string? difference = "not compared yet";
        for (var attempt = 0; attempt < 80 && difference is not null && !running.IsCompleted; attempt++)
        {
            await Task.Delay(1_000, stop.Token);
            difference = ReportComparison.Difference(ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, stop.Token), withAlerts: false), expected);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        Assert.True(difference is null, $"the live report differs from the replay of the valid records at {difference}");

        var letters = ReadDeadLetters(kafka, bad);
        var wrong = sent.Where(s => s.Record.IsBad).SelectMany(s => Check(s.Record, letters.GetValueOrDefault((s.Topic, s.Partition, s.Offset)))).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} bad records wrongly handled, e.g.\n{string.Join("\n", wrong.Take(20))}");
        Assert.Equal(bad, letters.Count);
        log.WriteLine($"{mix.Count - bad} valid + {bad} bad records; live report equal to replay after {seconds:F1} s; {letters.Values.Count(l => l.Headers.TryGetLastBytes("cs.dlq.truncated", out _))} dead letters cut to {KafkaDeadLetterSink.MaxRecordBytes:N0} bytes");
        log.WriteLine("bad records by kind: " + string.Join(", ", mix.Where(r => r.IsBad).GroupBy(r => r.Kind!.Value).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        log.WriteLine("dead letters by reason: " + string.Join(", ", letters.Values.GroupBy(l => Header(l, "cs.dlq.reason")).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
    }

    /// <summary>The replay report of the valid records alone, without alerts, with one dead letter more per bad record under its reason.</summary>
    private static async Task<JsonNode> ExpectedReportAsync(CampaignCatalog catalog, IReadOnlyList<FuzzRecord> mix)
    {
        var file = new MemoryStream();
        foreach (var record in mix.Where(r => !r.IsBad))
        {
            file.Write(record.Value);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None);
        var report = ReportComparison.Json(outcome.Report, withAlerts: false);
        var bad = mix.Where(r => r.IsBad).ToList();
        report["dead_letters"] = report["dead_letters"]!.GetValue<long>() + bad.Count;
        var byReason = report["dead_letters_by_reason"]!.AsObject();
        foreach (var reason in bad.GroupBy(r => r.ExpectedReason!))
        {
            byReason[reason.Key] = (byReason[reason.Key]?.GetValue<long>() ?? 0) + reason.Count();
        }

        return report;
    }

    /// <summary>
    /// Produces every record raw to its topic, stamped as written at <paramref name="writtenAt"/> (just after the traffic,
    /// the time the skew check measures from); returns where each landed, for matching its dead letter.
    /// </summary>
    private static List<(FuzzRecord Record, string Topic, int Partition, long Offset)> Produce(KafkaClientSettings kafka, IReadOnlyList<FuzzRecord> mix, DateTimeOffset writtenAt)
    {
        var config = kafka.Producer("fuzz-test");
        config.MessageMaxBytes = 2_000_000; // the client's own cap (1,000,000 by default) would refuse the largest oversize records
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        var sent = new (FuzzRecord, string, int, long)[mix.Count];
        var failures = new List<string>();
        for (var i = 0; i < mix.Count; i++)
        {
            var index = i;
            var record = mix[i];
            producer.Produce(TopicTypes.TopicOf(record.Topic), new Message<byte[], byte[]> { Key = record.Key, Value = record.Value, Timestamp = new Timestamp(writtenAt) }, report =>
            {
                if (report.Error.IsError)
                {
                    lock (failures)
                    {
                        failures.Add($"{record.Kind} of {record.Value.Length} bytes: {report.Error.Reason}");
                    }
                }

                sent[index] = (record, report.Topic, report.Partition.Value, report.Offset.Value);
            });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        Assert.True(failures.Count == 0, "not produced: " + string.Join("; ", failures.Take(5)));
        return [.. sent];
    }

    private static Dictionary<(string, int, long), Message<byte[], byte[]>> ReadDeadLetters(KafkaClientSettings kafka, int expected)
    {
        var config = kafka.Consumer("fuzz-reader-" + Guid.NewGuid(), "fuzz-test");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, EmbeddedBroker.RecommendedPartitionCount).Select(p => new TopicPartitionOffset(Topics.DeadLetters, p, Offset.Beginning)));
        var letters = new Dictionary<(string, int, long), Message<byte[], byte[]>>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && letters.Count < expected)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                var m = result.Message;
                letters[(Header(m, "cs.dlq.topic"), int.Parse(Header(m, "cs.dlq.partition"), CultureInfo.InvariantCulture), long.Parse(Header(m, "cs.dlq.offset"), CultureInfo.InvariantCulture))] = m;
            }
        }

        consumer.Close();
        return letters;
    }

    private static IEnumerable<string> Check(FuzzRecord record, Message<byte[], byte[]>? letter)
    {
        if (letter is null)
        {
            yield return $"{record.Kind} ({record.Value.Length} bytes) is not on the dead-letter topic";
            yield break;
        }

        if (Header(letter, "cs.dlq.reason") != record.ExpectedReason)
        {
            yield return $"{record.Kind}: {Header(letter, "cs.dlq.reason")}, expected {record.ExpectedReason} ({Header(letter, "cs.dlq.message")})";
        }

        // Verbatim, except a record too big for the dead-letter producer: its first bytes, marked (KafkaDeadLetterSink).
        var cut = record.Key.Length + record.Value.Length > KafkaDeadLetterSink.MaxRecordBytes;
        var value = cut ? record.Value.AsSpan(0, KafkaDeadLetterSink.MaxRecordBytes - record.Key.Length) : record.Value;
        if (!letter.Value.AsSpan().SequenceEqual(value) || !letter.Key.AsSpan().SequenceEqual(record.Key))
        {
            yield return $"{record.Kind}: the dead letter's key or value ({letter.Value.Length} bytes) differs from the record's ({record.Value.Length} bytes)";
        }

        if (cut != letter.Headers.TryGetLastBytes("cs.dlq.truncated", out _))
        {
            yield return $"{record.Kind}: cs.dlq.truncated is {(cut ? "missing" : "set on a whole record")}";
        }
    }

    private static string Header(Message<byte[], byte[]> message, string name) => Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));
}
