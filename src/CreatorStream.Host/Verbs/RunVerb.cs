using System.Security.Cryptography;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Simulation;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Web;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Redis;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream run</c>: everything in one process for a laptop or a demo (DESIGN.md section 1): the embedded
/// broker, the synthetic generator, the worker, an in-memory state store (or Redis with <c>--redis</c>) and the web role
/// with the dashboard.
/// </summary>
public sealed class RunVerb(TextWriter output, TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "run";

    public string Summary => "run broker, generator, worker and dashboard in one process (a demo or a laptop)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("urls", "where the dashboard and API listen", "http://127.0.0.1:5080", ValueName: "URL"),
        new("api-key", "the API key for the dashboard (default: a new random key, printed)", ValueName: "KEY"),
        new("campaigns", "campaign configuration; without it the generator's campaigns are used and traffic is generated", ValueName: "FILE"),
        new("rate", "generated events per second", "50", ValueName: "EPS"),
        new("seed", "generator seed", "42", ValueName: "N"),
        new("partitions", "partitions per embedded topic", "16", ValueName: "N"),
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
        .. RedisOptionSpecs.All.Select(o => o.Name == "redis-prefix" ? o with { Default = "cs-run", Description = "prefix of every key; run clears it at start (its embedded broker is new, so old offsets mean nothing)" } : o),
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var generator = args.Has("campaigns") ? null : new TrafficGenerator(new GeneratorOptions
        {
            Seed = args.Int("seed"),
            StartMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            EventsPerSecond = args.Double("rate", 0.01, 1_000_000),
            MaxEvents = long.MaxValue,
        });
        var catalog = generator is null ? CampaignCatalog.Load(args.Required("campaigns")) : CampaignCatalog.From(generator.Campaigns);
        var processorOptions = ProcessorOptionSpecs.Read(args);
        var apiKey = args.String("api-key") ?? NewKey();
        var web = new WebOptions { Urls = args.Required("urls") };

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, args.Int("partitions", 1, 1024));
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var changes = new InProcessChangeFeed();
        using var loggers = Logging.Console();
        var redisOptions = RedisOptionSpecs.Read(args);
        using var redis = redisOptions is null ? null : await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<RunVerb>());
        IStateStore store = new InMemoryStateStore();
        if (redis is not null)
        {
            var redisStore = new RedisStateStore(redis, redisOptions!, loggers.CreateLogger<RedisStateStore>());
            await redisStore.ClearAsync();
            store = redisStore;
        }

        var builder = WebApp.CreateBuilder(web);
        builder.Services.AddCampaignWeb(store, catalog, ApiKeyRing.ForAllCampaigns(apiKey), changes);
        builder.Services.AddSingleton(kafka);
        builder.Services.AddSingleton(processorOptions);
        builder.Services.AddHostedService<WorkerService>();
        if (generator is not null)
        {
            builder.Services.AddSingleton(generator);
            builder.Services.AddHostedService<GeneratorService>();
        }

        await using var app = builder.Build();
        app.MapCampaignWeb();
        await app.StartAsync(cancellationToken);

        var dashboard = app.Urls.FirstOrDefault() ?? web.Urls;
        output.WriteLine($"bootstrap: {broker.BootstrapServers}");
        output.WriteLine(redisOptions is null ? "state: in memory" : $"state: redis {redisOptions.Endpoint} (prefix {redisOptions.KeyPrefix})");
        output.WriteLine($"dashboard: {dashboard.TrimEnd('/')}/?key={Uri.EscapeDataString(apiKey)}");
        output.WriteLine(generator is null
            ? "no generator (--campaigns given): publish events with `creatorstream produce --kafka <bootstrap> --events FILE`"
            : $"generating about {args.Required("rate")} events/s for {catalog.Campaigns.Count} campaigns; press Ctrl+C to stop");
        await output.FlushAsync(cancellationToken);

        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await app.StopAsync(CancellationToken.None);
        await error.WriteLineAsync("run: stopped");
        return ExitCodes.Success;
    }

    /// <summary>A random key (256 bits, URL-safe) when none is configured; printed once, never stored in clear.</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
