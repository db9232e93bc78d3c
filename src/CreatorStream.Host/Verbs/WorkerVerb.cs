using CreatorStream.Core.Configuration;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Redis;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream worker</c>: consumes the ingest topics in one consumer group and commits state to Redis
/// (DESIGN.md section 1). Start more workers to scale out: Kafka spreads the partitions, each worker rebuilds the
/// state of the partitions it is given (decision 0006), and Redis holds the merged figures.
/// </summary>
public sealed class WorkerVerb(TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "worker";

    public string Summary => "consume the ingest topics and commit state to Redis (start several to scale out)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kafka", "Kafka bootstrap servers", ValueName: "BOOTSTRAP"),
        new("campaigns", "campaign configuration (JSON)", ValueName: "FILE"),
        new("group", "consumer group of the workers", "creatorstream-workers", ValueName: "NAME"),
        .. RedisOptionSpecs.All,
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignCatalog.Load(args.Required("campaigns"));
        var redisOptions = RedisOptionSpecs.Read(args) ?? throw new UsageException("option --redis is required: the worker keeps its state in Redis");
        var kafka = new KafkaClientSettings(args.Required("kafka"));
        using var loggers = Logging.Console();
        using var redis = await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<WorkerVerb>());
        var store = new RedisStateStore(redis, redisOptions, loggers.CreateLogger<RedisStateStore>());
        using var changes = await RedisChangeFeed.StartAsync(redis, store.Keys, listen: false, loggers.CreateLogger<RedisChangeFeed>());
        var pipeline = new WorkerPipeline(kafka, catalog, ProcessorOptionSpecs.Read(args), store, changes, clock, loggers) { GroupId = args.Required("group") };
        await error.WriteLineAsync($"worker: consuming from {kafka.BootstrapServers} into redis {redisOptions.Endpoint} (prefix {redisOptions.KeyPrefix}); Ctrl+C stops after the batch in flight");
        await pipeline.RunAsync(cancellationToken);
        await error.WriteLineAsync($"worker: stopped after {pipeline.CommittedBatches:N0} batches");
        return ExitCodes.Success;
    }
}
