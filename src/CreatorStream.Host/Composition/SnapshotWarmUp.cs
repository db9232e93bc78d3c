using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Host.Composition;

/// <summary>
/// Compiles a brand task's snapshot code before a task's first real snapshot needs it (docs/design.md, "Recovery"):
/// a small task of generated traffic, captured and finished once on the thread pool when the brand stage starts, its bytes
/// thrown away.
/// </summary>
/// <remarks>
/// A process's first capture of a busy task held its batch 255–360 ms where the same task's next one, with twice the
/// state, held 139–192 ms. A profile of that first capture found a third of its samples in the JIT and as many again
/// in the runtime beside it (type loading, generic lookups, stubs): every component's snapshot methods were compiled then,
/// at tier 0 and again optimised as their loops ran long (on-stack replacement), on the capture's threads, inside the
/// batch (docs/benchmarks.md, session 64). Compiling ahead of time (ReadyToRun) left the first capture at 192 and
/// 304 ms, and a task's own first snapshot cannot leave its batch, so the code is made ready on a state of its own
/// instead: with this warm-up the first busy capture held 122–151 ms. A warm-up of 4,000 events was not enough (88–268 ms): its loops were too short
/// to be compiled optimised. The warm-up's task shares nothing with the stage's tasks (its own catalog, decoders and
/// classifier) and costs one to two seconds of one core once per process, at start-up.
/// </remarks>
internal static class SnapshotWarmUp
{
    /// <summary>Events the warm-up's task takes: enough that the capture's loops run long enough to be compiled optimised (on-stack replacement) in the warm-up, not in a real task's first capture.</summary>
    internal const int Events = 20_000;
    private const int EventsPerSecond = 30;
    private const long StartMs = 1_767_225_600_000;
    private static readonly Lock Gate = new();
    private static Task<Result>? s_started;

    /// <summary>What a warm-up ran: the records its task took, the events still waiting in it, and its snapshot's bytes.</summary>
    internal readonly record struct Result(int Records, int Waiting, long SnapshotBytes);

    /// <summary>Starts the warm-up on the thread pool, once per process; later calls get the same task. Its failure is logged, never thrown.</summary>
    public static Task<Result> Start(ProcessorOptions options, ILogger logger)
    {
        lock (Gate)
        {
            return s_started ??= Task.Run(() =>
            {
                try
                {
                    return Run(options);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "The snapshot warm-up failed; the first snapshot of each busy task will compile its code inside its batch");
                    return default;
                }
            });
        }
    }

    /// <summary>
    /// Runs generated traffic (every event type, fakes, purchases with journeys, comments, post reports and commissions)
    /// through a task of its own under <paramref name="options"/>, then captures and finishes its snapshot.
    /// </summary>
    internal static Result Run(ProcessorOptions options)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 64, StartMs = StartMs, MaxEvents = Events, EventsPerSecond = EventsPerSecond, PostReports = true });
        var records = generator.Generate().ToList();
        var document = generator.Campaigns;
        foreach (var creator in document.Campaigns.SelectMany(c => c.Creators))
        {
            // The commission ledgers' snapshot code is compiled too.
            creator.Commission = new Core.Commissions.CommissionPlan { Model = "linear", Period = "day", HoldDays = 1, Rules = [new() { Kind = "percent", Rate = 0.1 }] };
        }

        var catalog = CampaignCatalog.From(document);
        var router = new BrandRouter(catalog, partitions: 1);
        var taskOptions = options with { IdleTimeout = null };
        var partition = new SourcePartition("warm-up", 0);
        var source = new SourceTask(partition, catalog, router, taskOptions, new EventDecoder(taskOptions.Limits), 0);
        var task = new BrandTask(0, catalog, router, taskOptions, () => new AuthenticityClassifier(taskOptions.Authenticity), new EventDecoder(taskOptions.Limits) { RecyclesAudienceEvents = true });
        task.Upstream.Expect(partition);
        // Read as if a minute after the last event, so a live verb's limit on events ahead of the clock takes them all.
        var wallClockMs = StartMs + (Events / EventsPerSecond * 1000L) + 60_000;
        var output = new SourceOutput(1, wallClockMs);
        for (var offset = 0; offset < records.Count; offset++)
        {
            source.Route(new InboundRecord(partition, offset, records[offset].Type, ReadOnlyMemory<byte>.Empty, records[offset].Value), wallClockMs, output);
        }

        var inputs = output.ByPartition[0];
        inputs.Add(BrandInput.Of(source.Mark(records.Count, wallClockMs)));
        task.Process(inputs, new BatchResult(wallClockMs));
        var bytes = task.Capture(records.Count).Finish();
        return new Result(records.Count, task.Brands.Sum(b => b.Pending), bytes.Length);
    }
}
