using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// The brand stage in one process: a <see cref="BrandTask"/> per brand partition, each used by one thread at a time
/// (the caller runs each partition on its own scheduler, so partitions run in parallel). Results carry their task's
/// name (<see cref="TaskName"/>), as a store keys each task's commits.
/// </summary>
public sealed class BrandStage
{
    private readonly BrandTask[] _tasks;

    public BrandStage(CampaignCatalog catalog, BrandRouter router, ProcessorOptions options)
    {
        _tasks = [.. Enumerable.Range(0, router.Partitions).Select(p =>
            new BrandTask(p, catalog, router, options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder(options.Limits) { RecyclesAudienceEvents = true }) { DropsRepeats = false })];
    }

    public int Partitions => _tasks.Length;

    /// <summary>The task of a brand partition (for tests and snapshots).</summary>
    public BrandTask this[int partition] => _tasks[partition];

    /// <summary>The name a brand task commits under.</summary>
    public static string TaskName(int partition) => Core.State.TaskNames.Brand(partition);

    public BatchResult Process(int partition, IReadOnlyList<BrandInput> inputs, long wallClockMs)
    {
        var result = new BatchResult(wallClockMs) { Delta = { Task = TaskName(partition) } };
        _tasks[partition].Process(inputs, result);
        return result;
    }

    public BatchResult Flush(int partition, long wallClockMs)
    {
        var result = new BatchResult(wallClockMs) { Delta = { Task = TaskName(partition) } };
        _tasks[partition].Flush(result);
        return result;
    }
}
