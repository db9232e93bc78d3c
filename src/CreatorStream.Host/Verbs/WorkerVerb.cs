using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Operations;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Redis;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream worker</c>: consumes the ingest topics in one consumer group and commits state to Redis
/// (docs/design.md, "Shape"). Start more workers to scale out: Kafka spreads the partitions, each worker rebuilds the
/// state of the partitions it is given (decision 0006), and Redis holds the merged figures. A small listener serves
/// <c>/metrics</c> and the health endpoints (<c>--ops-urls</c>). Ctrl+C or SIGTERM stops after the batches in flight are
/// committed; a stop that cannot commit them within <c>--shutdown-timeout-ms</c> exits with code 1.
/// </summary>
public sealed class WorkerVerb(TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "worker";

    public string Summary => "consume the ingest topics and commit state to Redis (start several to scale out)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kafka", "Kafka bootstrap servers", ValueName: "BOOTSTRAP", IsRequired: true),
        new("campaigns", "campaign configuration (JSON)", ValueName: "FILE", IsRequired: true),
        new("group", "prefix of the workers' two consumer groups (NAME-sources for stage 1, NAME-brands for stage 2)", "creatorstream", ValueName: "NAME"),
        new("snapshot-interval-ms", "how often each brand task commits a snapshot of its state (a restore re-reads about this much of its partition); a task whose snapshot took longer than a twentieth of this waits twenty times as long as it took", "30000", ValueName: "MS"),
        .. KafkaOptionSpecs.Security,
        .. RedisOptionSpecs.All,
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
        OperationsOptionSpecs.OpsUrls,
        OperationsOptionSpecs.ReadyMaxLag,
        OperationsOptionSpecs.ShutdownTimeout,
        OperationsOptionSpecs.LogFormat,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        // Every option is read and checked before anything is reached: a typo stops start-up at once (exit code 2).
        var catalog = CampaignFile.Load(args);
        var redisOptions = RedisOptionSpecs.Read(args) ?? throw new UsageException("option --redis is required: the worker keeps its state in Redis");
        var processorOptions = ProcessorOptionSpecs.Read(args);
        var groupId = args.Required("group");
        var snapshotInterval = TimeSpan.FromMilliseconds(args.Long("snapshot-interval-ms", 100, 86_400_000));
        var shutdownTimeout = OperationsOptionSpecs.ReadShutdownTimeout(args);
        var opsUrls = args.Required("ops-urls");
        var maxLag = OperationsOptionSpecs.ReadMaxLag(args);
        var logFormat = OperationsOptionSpecs.ReadLogFormat(args);
        var kafka = KafkaOptionSpecs.Connect(args);
        using var loggers = Logging.Console(logFormat);
        using var redis = await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<WorkerVerb>());
        var store = new RedisStateStore(redis, redisOptions, catalog, loggers.CreateLogger<RedisStateStore>());
        using var changes = await RedisChangeFeed.StartAsync(redis, store.Keys, listen: false, loggers.CreateLogger<RedisChangeFeed>());
        var lag = new ConsumerLag();
        var pipeline = new WorkerPipeline(kafka, catalog, processorOptions, store, changes, clock, loggers)
        {
            GroupPrefix = groupId,
            SnapshotInterval = snapshotInterval,
            Lag = lag,
            ShutdownTimeout = shutdownTimeout,
        };

        await using var operations = opsUrls == "none" ? null : await StartOperationsAsync(opsUrls, ReadinessProbes.Worker(kafka, lag, maxLag, redis), logFormat, cancellationToken);
        var listening = operations is null ? "" : $"; metrics and health at {(operations.Urls.FirstOrDefault() ?? opsUrls).TrimEnd('/')}";
        await error.WriteLineAsync($"worker: consuming from {kafka.BootstrapServers} into redis {redisOptions.Endpoint} (prefix {redisOptions.KeyPrefix}){listening}; Ctrl+C stops after the batches in flight");
        try
        {
            await pipeline.RunAsync(cancellationToken);
        }
        catch (ShutdownTimeoutException e)
        {
            await error.WriteLineAsync($"worker: stop incomplete after {pipeline.CommittedBatches:N0} batches: {e.Message}");
            return ExitCodes.Failure;
        }

        await error.WriteLineAsync($"worker: stopped after {pipeline.CommittedBatches:N0} batches, all committed");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The operations listener, or null when its address is taken (a second worker on one machine with the default):
    /// the worker's job is consuming, so it goes on without <c>/metrics</c> and says so.
    /// </summary>
    private async Task<WebApplication?> StartOperationsAsync(string urls, IReadOnlyList<ReadinessProbe> probes, LogFormat logFormat, CancellationToken cancellationToken)
    {
        try
        {
            return await OperationsServer.StartAsync(urls, probes, logFormat, cancellationToken);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"worker: no metrics or health endpoints: {urls} is not available ({e.Message}); set --ops-urls");
            return null;
        }
    }
}
