using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka.Producing;
using CreatorStream.Simulation;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream generate</c>: seeded synthetic campaign traffic, to a JSON Lines file or to Kafka, with the
/// campaign configuration it belongs to and a side file labelling every fake, duplicate, malformed and late record.
/// </summary>
public sealed class GenerateVerb(TextWriter error, TimeProvider clock) : IVerb
{
    /// <summary>Start of event time for files when none is given: 2026-01-01T00:00:00Z, so files are reproducible.</summary>
    public const long DefaultFileStartMs = 1_767_225_600_000;

    public string Name => "generate";

    public string Summary => "generate seeded synthetic campaign traffic with ground-truth labels";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("out", "write events to this JSON Lines file (give --out or --kafka)", ValueName: "FILE", WhenUnset: "publish to --kafka"),
        new("kafka", "or publish to Kafka at these bootstrap servers", ValueName: "BOOTSTRAP", WhenUnset: "write to --out"),
        new("campaigns-out", "write the matching campaign configuration here", ValueName: "FILE", WhenUnset: "not written"),
        new("labels-out", "write labels (fakes, duplicates, malformed, late) as JSON Lines here", ValueName: "FILE", WhenUnset: "not written"),
        new("seed", "random seed: the same seed gives the same traffic", "42", ValueName: "N"),
        new("events", "records to generate in total", "100000", ValueName: "N"),
        new("rate", "events per second of genuine traffic: the event-time intensity, and with --kafka the publishing pace", "200", ValueName: "EPS"),
        new("start", "event time of the first event, ms since epoch", ValueName: "MS", WhenUnset: "2026-01-01 for files, now for Kafka"),
        new("duplicate-rate", "fraction of records re-sent verbatim", "0.002", ValueName: "P"),
        new("malformed-rate", "fraction of records that are malformed", "0.001", ValueName: "P"),
        new("late-rate", "fraction of events later than the allowed lateness", "0", ValueName: "P"),
        new("campaign-count", "campaigns to generate", "3", ValueName: "N"),
        new("brand-count", "brands the campaigns belong to (round robin; at most --campaign-count)", "2", ValueName: "N"),
        new("no-fakes", "generate genuine traffic only", IsFlag: true),
        new("no-sessions", "leave out the brand sites' sessions of genuine clicks", IsFlag: true),
        new("no-posts", "leave out the creators' post reports and deliverables", IsFlag: true),
        new("burst", "with --kafka: publish as fast as possible instead of at --rate (a backfill)", IsFlag: true),
        .. KafkaOptionSpecs.Security,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var toFile = args.String("out");
        var toKafka = args.String("kafka");
        if ((toFile is null) == (toKafka is null))
        {
            throw new UsageException("give exactly one of --out FILE or --kafka BOOTSTRAP");
        }

        var options = new GeneratorOptions
        {
            Seed = args.Int("seed"),
            MaxEvents = args.Long("events", 1, 1_000_000_000),
            EventsPerSecond = args.Double("rate", 0.001, 10_000_000),
            StartMs = args.Has("start") ? args.Long("start", 0) : toFile is not null ? DefaultFileStartMs : clock.GetUtcNow().ToUnixTimeMilliseconds(),
            DuplicateRate = args.Double("duplicate-rate", 0, 0.5),
            MalformedRate = args.Double("malformed-rate", 0, 0.5),
            LateRate = args.Double("late-rate", 0, 0.5),
            Fakes = !args.Flag("no-fakes"),
            SiteSessions = !args.Flag("no-sessions"),
            PostReports = !args.Flag("no-posts"),
            Campaigns = args.Int("campaign-count", 1, 1_000),
        };
        options = options with { Brands = args.Int("brand-count", 1, options.Campaigns) };
        var generator = new TrafficGenerator(options);
        if (args.String("campaigns-out") is { } campaignsPath)
        {
            await File.WriteAllTextAsync(campaignsPath, CampaignCatalog.From(generator.Campaigns).ToJson() + "\n", cancellationToken);
        }

        await using var labels = args.String("labels-out") is { } labelsPath ? File.CreateText(labelsPath) : null;
        var progress = new ProgressPrinter(error, clock, Name);
        long count = 0;
        if (toFile is not null)
        {
            await using var file = new BufferedStream(File.Create(toFile), 1 << 16);
            foreach (var record in generator.Generate())
            {
                await file.WriteAsync(record.Value, cancellationToken);
                file.WriteByte((byte)'\n');
                await WriteLabelAsync(labels, count++, record);
                progress.Report($"{count:N0} of {options.MaxEvents:N0} records ({100 * count / options.MaxEvents}%)");
            }
        }
        else
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(KafkaOptionSpecs.Connect(args, toKafka).Producer("creatorstream-generate")).Build();
            using var publisher = new EventPublisher(producer);
            // Event time starts now and advances at --rate, so publishing each event when its time comes holds the rate.
            var paced = !args.Flag("burst");
            foreach (var record in generator.Generate())
            {
                if (paced && record.Event is { } e && DateTimeOffset.FromUnixTimeMilliseconds(e.Ts) - clock.GetUtcNow() is var due && due > TimeSpan.FromMilliseconds(5))
                {
                    await Task.Delay(due, clock, cancellationToken);
                }

                publisher.Publish(record.Type ?? EventType.Impression, record.Key, record.Value);
                await WriteLabelAsync(labels, count++, record);
                progress.Report($"{count:N0} of {options.MaxEvents:N0} records published, {publisher.Delivered:N0} delivered");
            }

            if (!publisher.Flush(TimeSpan.FromSeconds(60)) || publisher.Failed > 0)
            {
                await error.WriteLineAsync($"generate: {publisher.Failed:N0} records not delivered ({publisher.LastError ?? "timed out"})");
                return ExitCodes.Failure;
            }
        }

        progress.Report($"done: {count:N0} records", force: true);
        return ExitCodes.Success;
    }

    private static async Task WriteLabelAsync(StreamWriter? labels, long line, GeneratedRecord record)
    {
        if (labels is null || (record.Kind == RecordKind.Genuine && record.FakeLabel is null))
        {
            return;
        }

        var json = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", line);
            writer.WriteString("event_id", record.Event?.EventId);
            writer.WriteString("kind", record.Kind.ToString().ToLowerInvariant());
            writer.WriteString("fake", record.FakeLabel);
            writer.WriteEndObject();
        }

        await labels.WriteLineAsync(Encoding.UTF8.GetString(json.WrittenSpan));
    }
}
