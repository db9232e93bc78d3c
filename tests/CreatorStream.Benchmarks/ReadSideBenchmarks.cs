using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Host.Web.Live;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;

namespace CreatorStream.Benchmarks;

/// <summary>
/// The read side's cost per pushed update (issue 25): a small batch commits, then the hub's view of one campaign is
/// brought up to date and the patch made (<see cref="LiveViews.PushAsync"/>), as the broadcaster does at most once a
/// second per watched view, from views kept by the change feed (<see cref="LiveStates"/>); <see cref="PushReadingWhole"/>
/// reads the campaign whole for every push instead, as the hub did before. <see cref="CommitOnly"/> is the batch alone,
/// to subtract. One campaign of
/// <see cref="Creators"/> creators after half an hour of generated traffic (a post every ~3 minutes per creator,
/// conversions, credit, fakes): 300,000 records, the last fifth fed a batch per call.
/// </summary>
[MemoryDiagnoser]
public class ReadSideBenchmarks
{
    private const int BatchSize = 20;

    private readonly InMemoryStateStore _store = new();
    private StreamProcessor _processor = null!;
    private CampaignConfig _campaign = null!;
    private readonly InProcessChangeFeed _changes = new();
    private LiveViews _views = null!;
    private LiveViews _wholeViews = null!;
    private RecordBatch[] _batches = [];
    private int _next;

    [Params(6, 200)]
    public int Creators { get; set; }

    [Params("campaign", "5m")]
    public string Window { get; set; } = "campaign";

    [GlobalSetup]
    public void Setup()
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            StartMs = Traffic.StartMs,
            EventsPerSecond = 170,
            MaxEvents = 300_000,
            PostCycle = TimeSpan.FromMinutes(10),
            Campaigns = 1,
            Brands = 1,
            CreatorsPerCampaign = Creators,
            UsersPerCampaign = 1_000 * Creators,
            Seed = 11,
        });
        var catalog = CampaignCatalog.From(generator.Campaigns);
        _campaign = catalog.Campaigns[0];
        _processor = new StreamProcessor(catalog, ProcessorOptions.Default with { IdleTimeout = null });
        var records = generator.Generate()
            .Select((r, i) => new InboundRecord(new SourcePartition("bench", 0), i, null, ReadOnlyMemory<byte>.Empty, r.Value))
            .Chunk(BatchSize)
            .Select((chunk, i) => new RecordBatch(chunk, Traffic.StartMs + (i * 10L)))
            .ToArray();

        // Most of the run fills the store; the last fifth is fed a batch per benchmark call.
        var fill = records.Length * 4 / 5;
        foreach (var batch in records[..fill])
        {
            _store.CommitAsync(_processor.Process(batch).Delta, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        _batches = records[fill..];
        var snapshots = new SnapshotService(_store, catalog, TimeProvider.System);
        _views = new LiveViews(snapshots, new LiveStates(_store, _changes, TimeProvider.System));
        _wholeViews = new LiveViews(snapshots, new LiveStates(_store, _changes, TimeProvider.System) { WholeReadInterval = TimeSpan.Zero });
        foreach (var views in new[] { _views, _wholeViews })
        {
            views.PushAsync(NoClients.Instance, _campaign, Parse(Window), _campaign.Attribution.ReportingModel, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task CommitOnly() => await CommitNextAsync();

    [Benchmark]
    public async Task<bool> PushAfterChange()
    {
        await CommitNextAsync();
        return await _views.PushAsync(NoClients.Instance, _campaign, Parse(Window), _campaign.Attribution.ReportingModel, CancellationToken.None);
    }

    [Benchmark]
    public async Task<bool> PushReadingWhole()
    {
        await CommitNextAsync();
        return await _wholeViews.PushAsync(NoClients.Instance, _campaign, Parse(Window), _campaign.Attribution.ReportingModel, CancellationToken.None);
    }

    /// <summary>Commits the next batch and publishes its change notices, as the worker's committer does.</summary>
    private async Task CommitNextAsync()
    {
        var batch = _batches[_next++ % _batches.Length]; // past the end, repeats: counted as duplicates, still a commit
        var delta = _processor.Process(batch).Delta;
        await _store.CommitAsync(delta, CancellationToken.None);
        foreach (var change in CampaignChange.Of(delta))
        {
            _changes.Publish(change);
        }
    }

    private static StateWindow Parse(string window) => StateWindow.TryParse(window, out var parsed) ? parsed : throw new ArgumentException(window);
}
