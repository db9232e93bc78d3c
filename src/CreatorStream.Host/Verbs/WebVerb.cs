using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web;
using CreatorStream.Redis;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream web</c>: the SignalR hub, REST API and dashboard, reading the shared state in Redis and hearing of
/// changes on its pub/sub channel (docs/design.md, "Shape"). Start several behind a load balancer; no backplane is needed.
/// </summary>
public sealed class WebVerb(TextWriter error) : IVerb
{
    public string Name => "web";

    public string Summary => "serve the dashboard, hub and REST API from the state in Redis (start several to scale)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("campaigns", "campaign configuration (JSON)", ValueName: "FILE", IsRequired: true),
        new("api-keys", $"API keys by SHA-256 hash and what each covers (JSON)", ValueName: "FILE", WhenUnset: $"one key for every campaign from {ApiKeyFile.KeyVariable}"),
        .. WebOptionSpecs.All,
        .. RedisOptionSpecs.All,
        OperationsOptionSpecs.LogFormat,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignFile.Load(args);
        var redisOptions = RedisOptionSpecs.Read(args) ?? throw new UsageException("option --redis is required: the web role reads the state in Redis");
        var keys = ApiKeyFile.Load(args.String("api-keys"));
        var web = WebOptionSpecs.Read(args);

        var logFormat = OperationsOptionSpecs.ReadLogFormat(args);
        using var loggers = Logging.Console(logFormat);
        using var redis = await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<WebVerb>());
        var store = new RedisStateStore(redis, redisOptions, catalog, loggers.CreateLogger<RedisStateStore>());
        using var changes = await RedisChangeFeed.StartAsync(redis, store.Keys, listen: true, loggers.CreateLogger<RedisChangeFeed>());

        await using var app = await WebApp.StartAsync(web, store, catalog, keys, changes, cancellationToken, builder =>
        {
            builder.Logging.ClearProviders().AddCreatorStreamConsole(logFormat);
            builder.Services.AddSingleton(ReadinessProbes.Redis(redis));
        });
        await error.WriteLineAsync($"web: dashboard at {(app.Urls.FirstOrDefault() ?? web.Urls).TrimEnd('/')}/ reading redis {redisOptions.Endpoint} (prefix {redisOptions.KeyPrefix})");
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
