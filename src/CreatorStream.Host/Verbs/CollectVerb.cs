using Confluent.Kafka;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Operations;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream collect</c>: the edge a brand's site and store write to (docs/design.md, "Collector"): site events,
/// a pixel, the site snippet and order webhooks, validated and written to the ingest topics. Start several behind a
/// balancer that keeps a visitor on one (open visits are held in the process).
/// </summary>
public sealed class CollectVerb(TextWriter error) : IVerb
{
    public string Name => "collect";

    public string Summary => "take a brand's site events, pixel hits and order webhooks over HTTP and write them to the ingest topics";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kafka", "bootstrap servers, e.g. 127.0.0.1:9092", ValueName: "BOOTSTRAP", IsRequired: true),
        new("campaigns", "campaign configuration (JSON): links name their creators", ValueName: "FILE", IsRequired: true),
        .. CollectOptionSpecs.All.Select(o => o.Name == "site-keys" ? o with { IsRequired = true, WhenUnset = null } : o),
        .. LimitOptionSpecs.All,
        .. KafkaOptionSpecs.Security,
        OperationsOptionSpecs.LogFormat,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignFile.Load(args);
        var keys = SiteKeys.Load(args.RequiredFile("site-keys"), catalog);
        var options = CollectOptionSpecs.Read(args);
        options.Validate(); // before Kafka is reached
        var processor = LimitOptionSpecs.Apply(args, new Core.Streaming.ProcessorOptions());
        var logFormat = OperationsOptionSpecs.ReadLogFormat(args);
        var kafka = KafkaOptionSpecs.Connect(args);

        using var producer = new ProducerBuilder<byte[], byte[]>(CollectorApp.ProducerConfig(kafka)).Build();
        await using var app = await CollectorApp.StartAsync(options, keys, catalog, processor.Limits, processor.MaxFutureSkew ?? TimeSpan.FromMilliseconds(LimitOptionSpecs.DefaultMaxFutureSkewMs), producer, new Web.WebOptions().WebRoot, cancellationToken, builder =>
        {
            builder.Logging.ClearProviders().AddCreatorStreamConsole(logFormat);
            builder.Services.AddSingleton(ReadinessProbes.Kafka(new Kafka.Health.KafkaReachability(kafka)));
        });
        await error.WriteLineAsync($"collect: listening at {(app.Urls.FirstOrDefault() ?? options.Urls).TrimEnd('/')}{CollectorApp.Prefix}/ for {keys.Sites.Count} sites and {keys.Stores.Count} stores, writing to {kafka.BootstrapServers}");
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await app.StopAsync(CancellationToken.None);
        producer.Flush(TimeSpan.FromSeconds(10));
        return ExitCodes.Success;
    }
}
