using System.Diagnostics;
using Confluent.Kafka;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka.Producing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream produce</c>: publishes a JSON Lines file to the ingest topics keyed by <c>user_id</c>, in file
/// order, optionally paced (backfill, or re-enacting a recorded day). A line whose type cannot be read goes to the
/// dead-letter topic with its reason, so nothing in the file is silently dropped.
/// </summary>
public sealed class ProduceVerb(TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "produce";

    public string Summary => "publish a JSON Lines file of events to the ingest topics";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kafka", "bootstrap servers, e.g. 127.0.0.1:9092", ValueName: "BOOTSTRAP", IsRequired: true),
        new("events", "JSON Lines file, one event per line with a 'type' field", ValueName: "FILE", IsRequired: true),
        new("rate", "events per second; 0 publishes as fast as possible", "0", ValueName: "EPS"),
        .. KafkaOptionSpecs.Security,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var path = args.RequiredFile("events");

        var rate = args.Double("rate", 0, 10_000_000);
        var settings = KafkaOptionSpecs.Connect(args);
        using var producer = new ProducerBuilder<byte[], byte[]>(settings.Producer("creatorstream-produce")).Build();
        using var publisher = new EventPublisher(producer);
        var deadLetters = new KafkaDeadLetterSink(producer, clock, NullLogger<KafkaDeadLetterSink>.Instance);
        var progress = new ProgressPrinter(error, clock, Name);
        var source = new SourcePartition("file:" + Path.GetFileName(path), 0);

        await using var input = File.OpenRead(path);
        var reader = new Processing.Replay.JsonLinesReader(input);
        var pacer = new Pacer(clock, rate);
        long lines = 0, rejected = 0;
        var stopwatch = Stopwatch.StartNew();
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await pacer.WaitForAsync(lines, cancellationToken);
            var (type, key, reason) = LineRouting.Route(line);
            if (type is { } eventType)
            {
                publisher.Publish(eventType, key, line);
            }
            else
            {
                rejected++;
                var record = new InboundRecord(source, lines, null, System.Text.Encoding.UTF8.GetBytes(key), line);
                await deadLetters.PublishAsync([new DeadLetter(record, Core.Decoding.DeadLetterStage.Deserialize, reason, "no readable 'type' field")], cancellationToken);
            }

            lines++;
            progress.Report($"{lines:N0} lines published ({input.Position * 100 / Math.Max(1, input.Length)}% of file), {rejected:N0} to dead letters");
        }

        var flushed = publisher.Flush(TimeSpan.FromSeconds(60));
        progress.Report(
            $"done: {publisher.Delivered:N0} delivered, {publisher.Failed:N0} failed, {rejected:N0} dead letters in {stopwatch.Elapsed.TotalSeconds:F1} s",
            force: true);
        if (!flushed || publisher.Failed > 0)
        {
            await error.WriteLineAsync($"produce: not every record was delivered ({publisher.LastError ?? "timed out"}); re-run to publish the rest");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
