using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker (docs/design.md, "Dataflow"): both stages of the dataflow in one process, each its own consumer group, so
/// workers can be added and removed freely and each stage's partitions spread over them. Stage 1
/// (<see cref="SourceStageWorker"/>) routes the ingest topics to the brand topic; stage 2 (<see cref="BrandStageWorker"/>)
/// judges each brand and commits the figures. A stage whose commit the store fences off (its partition moved to another
/// worker meanwhile) restarts: it rejoins its group and restores its tasks from the store. Stopping (the token of
/// <see cref="RunAsync"/>) lets each stage commit the batches in flight within <see cref="ShutdownTimeout"/>.
/// </summary>
public sealed class WorkerPipeline(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions processorOptions,
    IStateStore store,
    ICampaignChangeFeed? changes,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private BrandStageWorker? _brands;

    /// <summary>Task batches of the brand stage committed so far.</summary>
    public long CommittedBatches => _brands?.CommittedBatches ?? 0;

    /// <summary>Prefix of the stages' consumer groups: PREFIX-sources and PREFIX-brands. Default <c>creatorstream</c>.</summary>
    public string GroupPrefix { get; init; } = "creatorstream";

    /// <summary>How often each brand task commits a snapshot of its state. Default 30 s.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unread records a brand partition may hold before the source stage waits (<see cref="SourceStageWorker.MaxBrandBacklog"/>). Default 10,000.</summary>
    public long MaxBrandBacklog { get; init; } = 10_000;

    /// <summary>Unread frames, any worker's, a brand partition may hold before the source stage waits (<see cref="SourceStageWorker.MaxBrandBacklogFrames"/>). Default 64.</summary>
    public long MaxBrandBacklogFrames { get; init; } = 64;

    /// <summary>Longest a stop waits for the batches in flight to commit. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consumer lag per assigned partition of either stage (readiness and <c>/metrics</c>).</summary>
    public ConsumerLag Lag { get; init; } = new();

    /// <summary>Records re-read from the brand topic to restore tasks, over this pipeline's life.</summary>
    public long RestoredRecords => _brands?.RestoredRecords ?? 0;

    /// <summary>Times a fenced commit restarted a stage.</summary>
    public int Restarts => _restarts;

    private int _restarts;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> asks it to stop (returns once the batches in flight are committed,
    /// or throws <see cref="ShutdownTimeoutException"/> after <see cref="ShutdownTimeout"/>), or until a stage fails (throws).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (brandPartitions, sources) = ReadTopology();
        if (store is IBrandLayoutStore layout)
        {
            await layout.UseLayoutAsync(brandPartitions); // through any wrapper (the bench's measuring store): keys are placed by it
        }

        var router = new BrandRouter(catalog, brandPartitions);
        var progress = new BrandProgress(brandPartitions);
        var source = new SourceStageWorker(kafka, catalog, processorOptions, store, router, clock, loggers) { IngestTopics = IngestTopics(sources), Lag = Lag, ShutdownTimeout = ShutdownTimeout, GroupId = $"{GroupPrefix}-sources", BrandGroupId = $"{GroupPrefix}-brands", MaxBrandBacklog = MaxBrandBacklog, MaxBrandBacklogFrames = MaxBrandBacklogFrames, Progress = progress };
        _brands = new BrandStageWorker(kafka, catalog, processorOptions, store, router, sources, changes, clock, loggers) { Lag = Lag, ShutdownTimeout = ShutdownTimeout, GroupId = $"{GroupPrefix}-brands", SnapshotInterval = SnapshotInterval, Progress = progress };
        loggers.CreateLogger<WorkerPipeline>().LogInformation(
            "Dataflow: {Sources} source partitions → {Topic} ({Brands} brand partitions)", sources.Count, Topics.ByBrand, brandPartitions);

        // If one stage fails, the other stops too: a worker runs whole or not at all.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task Run(Func<CancellationToken, Task> stage)
        {
            try
            {
                await RestartingOnFence(stage, failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }

        await Task.WhenAll(Task.Run(() => Run(source.RunAsync)), Task.Run(() => Run(_brands.RunAsync)));
    }

    private async Task RestartingOnFence(Func<CancellationToken, Task> stage, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<WorkerPipeline>();
        while (true)
        {
            try
            {
                await stage(cancellationToken);
                return;
            }
            catch (StateFencedException e) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _restarts);
                logger.LogWarning("A commit was fenced off ({Reason}); rejoining the group and restoring the stage's tasks", e.Message);
            }
        }
    }

    /// <summary>
    /// The ingest topics the cluster has. A topic added to the project later (creatorstream.lead-updates) may not exist on
    /// a cluster set up before it; the worker then reads the others, as it always could, and says which one is missing:
    /// otherwise the figures that topic feeds would stay at zero without a word (created later, it is read after a restart).
    /// </summary>
    private IReadOnlyList<string> IngestTopics(IReadOnlyList<SourcePartition> sources)
    {
        var present = sources.Select(s => s.Topic).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in Topics.Ingest.Where(t => !present.Contains(t)))
        {
            loggers.CreateLogger<WorkerPipeline>().LogWarning("Ingest topic {Topic} does not exist on {Servers}: its events are not read until it is created and the worker restarted", missing, kafka.BootstrapServers);
        }

        return present.Count == 0 ? Topics.Ingest : [.. Topics.Ingest.Where(present.Contains)];
    }

    /// <summary>The brand topic's partition count and the ingest partitions, from the cluster's metadata.</summary>
    private (int BrandPartitions, IReadOnlyList<SourcePartition> Sources) ReadTopology()
    {
        using var admin = new AdminClientBuilder(kafka.Producer("creatorstream-topology")).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(30));
        int PartitionsOf(string topic) => metadata.Topics.FirstOrDefault(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError)?.Partitions.Count ?? 0;
        var brands = PartitionsOf(Topics.ByBrand);
        if (brands == 0)
        {
            throw new Core.Configuration.ConfigurationException(Topics.ByBrand, $"the topic does not exist on {kafka.BootstrapServers}: create it (its partition count is the number of brand tasks, and may not change later)");
        }

        return (brands, [.. Topics.Ingest.SelectMany(topic => Enumerable.Range(0, PartitionsOf(topic)).Select(p => new SourcePartition(topic, p)))]);
    }
}
