using System.Security.Cryptography;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using Confluent.Kafka;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Redis;
using CreatorStream.Simulation;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream run</c>: everything in one process for a laptop or a demo (docs/design.md, "Shape"): the embedded
/// broker, the synthetic generator, the worker, an in-memory state store (or Redis with <c>--redis</c>) and the web role
/// with the dashboard.
/// </summary>
public sealed class RunVerb(TextWriter output, TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "run";

    public string Summary => "run broker, generator, worker and dashboard in one process (a demo or a laptop)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("api-key-file", "file holding the dashboard's API key (a secret: never on the command line)", ValueName: "FILE", WhenUnset: $"{ApiKeyFile.KeyVariable}, else a new random key, printed"),
        new("campaigns", "campaign configuration; with it no traffic is generated (publish with `produce`)", ValueName: "FILE", WhenUnset: "the generator's campaigns, with generated traffic"),
        new("rate", "generated events per second", "50", ValueName: "EPS"),
        new("seed", "generator seed", "42", ValueName: "N"),
        new("partitions", "partitions per embedded topic", "16", ValueName: "N"),
        .. WebOptionSpecs.All,
        .. CollectOptionSpecs.All,
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
        .. RedisOptionSpecs.All.Select(o => o.Name == "redis-prefix" ? o with { Default = "cs-run", Description = "prefix of every key; run clears it at start (its embedded broker is new, so old offsets mean nothing)" } : o),
        OperationsOptionSpecs.ReadyMaxLag,
        OperationsOptionSpecs.ShutdownTimeout,
        OperationsOptionSpecs.LogFormat,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var generator = args.Has("campaigns") ? null : new TrafficGenerator(new GeneratorOptions
        {
            Seed = args.Int("seed"),
            StartMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            EventsPerSecond = args.Double("rate", 0.01, 1_000_000),
            MaxEvents = long.MaxValue,
            SiteSessions = true,
            PostReports = true,
            SteadyAudiences = true, // a demo runs for as long as it is watched: no campaign fades while others' posts are fresher
        });
        var catalog = generator is null ? CampaignFile.Load(args) : CampaignCatalog.From(generator.Campaigns);
        var processorOptions = ProcessorOptionSpecs.Read(args);
        var (apiKey, generatedKey) = ApiKey(args);
        var web = WebOptionSpecs.Read(args);
        var partitions = args.Int("partitions", 1, 1024);
        var redisOptions = RedisOptionSpecs.Read(args); // every option is checked before anything starts
        var logFormat = OperationsOptionSpecs.ReadLogFormat(args);
        var shutdown = new ShutdownOptions(OperationsOptionSpecs.ReadShutdownTimeout(args));
        var maxLag = OperationsOptionSpecs.ReadMaxLag(args);
        var siteKeys = args.ExistingFile("site-keys") is { } siteKeyFile ? SiteKeys.Load(siteKeyFile, catalog) : null;
        if (siteKeys?.Find(apiKey) is { } shared)
        {
            // A write key sits in every page's source; the dashboard's key opens every campaign's figures.
            throw new UsageException($"option --site-keys: site '{shared.SiteId}' has the dashboard's API key as its write key; give it a key of its own");
        }

        var collectOptions = CollectOptionSpecs.Read(args);
        collectOptions.Validate(); // before anything starts

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, partitions);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var changes = new InProcessChangeFeed();
        using var loggers = Logging.Console(logFormat);
        using var redis = redisOptions is null ? null : await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<RunVerb>());
        IStateStore store = new InMemoryStateStore();
        if (redis is not null)
        {
            var redisStore = new RedisStateStore(redis, redisOptions!, catalog, loggers.CreateLogger<RedisStateStore>());
            await redisStore.ClearAsync();
            store = redisStore;
        }

        var builder = WebApp.CreateBuilder(web);
        builder.Logging.ClearProviders().AddCreatorStreamConsole(logFormat);
        builder.Services.AddCampaignWeb(store, catalog, ApiKeyRing.ForAllCampaigns(apiKey), changes);
        builder.Services.AddSingleton(kafka);
        builder.Services.AddSingleton(processorOptions);
        var lag = new ConsumerLag();
        builder.Services.AddSingleton(lag);
        builder.Services.AddSingleton(shutdown);
        foreach (var probe in ReadinessProbes.Worker(kafka, lag, maxLag, redis))
        {
            builder.Services.AddSingleton(probe);
        }

        // The host waits for the worker's drain (bounded by --shutdown-timeout-ms) and a little more for the web role.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.Timeout + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<WorkerService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WorkerService>());
        if (generator is not null)
        {
            builder.Services.AddSingleton(generator);
            builder.Services.AddHostedService<GeneratorService>();
        }

        await using var app = builder.Build();
        app.MapCampaignWeb();
        await app.StartAsync(cancellationToken);
        using var collectProducer = siteKeys is null ? null : new ProducerBuilder<byte[], byte[]>(CollectorApp.ProducerConfig(kafka)).Build();
        await using var collector = siteKeys is null ? null : await CollectorApp.StartAsync(
            collectOptions,
            siteKeys,
            catalog,
            processorOptions.Limits,
            processorOptions.MaxFutureSkew ?? TimeSpan.FromMilliseconds(LimitOptionSpecs.DefaultMaxFutureSkewMs),
            collectProducer!,
            web.WebRoot,
            cancellationToken,
            builder => builder.Logging.ClearProviders().AddCreatorStreamConsole(logFormat));

        var dashboard = app.Urls.FirstOrDefault() ?? web.Urls;
        output.WriteLine($"bootstrap: {broker.BootstrapServers}");
        output.WriteLine(redisOptions is null ? "state: in memory" : $"state: redis {redisOptions.Endpoint} (prefix {redisOptions.KeyPrefix})");
        // A key made up here is printed so the demo can be opened; a configured key is a secret and is never printed.
        output.WriteLine(generatedKey
            ? $"dashboard: {dashboard.TrimEnd('/')}/?key={Uri.EscapeDataString(apiKey)}"
            : $"dashboard: {dashboard.TrimEnd('/')}/ (key: the configured one)");
        output.WriteLine(generator is null
            ? "no generator (--campaigns given): publish events with `creatorstream produce --kafka <bootstrap> --events FILE`"
            : $"generating about {args.Required("rate")} events/s for {catalog.Campaigns.Count} campaigns; press Ctrl+C to stop");
        if (collector is not null)
        {
            output.WriteLine($"collector: {(collector.Urls.FirstOrDefault() ?? collectOptions.Urls).TrimEnd('/')}{CollectorApp.Prefix}/ ({siteKeys!.Sites.Count} sites, {siteKeys.Stores.Count} stores)");
        }

        await output.FlushAsync(cancellationToken);

        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        if (collector is not null)
        {
            await collector.StopAsync(CancellationToken.None); // first, so the visits it holds reach the worker
            collectProducer!.Flush(TimeSpan.FromSeconds(10));
        }

        await app.StopAsync(CancellationToken.None);
        if (app.Services.GetRequiredService<WorkerService>().Failure is { } failure)
        {
            await error.WriteLineAsync($"run: stop incomplete: {failure}");
            return ExitCodes.Failure;
        }

        await error.WriteLineAsync("run: stopped");
        return ExitCodes.Success;
    }

    /// <summary>The key from <c>--api-key-file</c> or the environment, or a new one (then true).</summary>
    private static (string Key, bool Generated) ApiKey(ParsedArgs args)
    {
        if (args.ExistingFile("api-key-file") is { } path)
        {
            var key = File.ReadAllText(path).Trim();
            return key.Length >= 16 ? (key, false) : throw new UsageException($"option --api-key-file: the key in '{path}' must be at least 16 characters");
        }

        return Environment.GetEnvironmentVariable(ApiKeyFile.KeyVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, false) : (NewKey(), true);
    }

    /// <summary>A random key (256 bits, URL-safe) when none is configured; printed once, never stored in clear.</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
