using System.Reactive;
using System.Reactive.Subjects;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;

namespace CreatorStream.Testing;

/// <summary>
/// Views kept by the change feed (<see cref="LiveStates"/>) against a whole read of the store: generated traffic is
/// committed batch by batch with the notices a worker's committer publishes, and every <c>checkEvery</c> batches each
/// window's kept view must equal what the store's own read path (<see cref="IStateStore.ReadCampaignAsync"/> and the
/// campaign's minutes) gives at that moment, scope by scope. Whole reads happen only when the kept views are told to.
/// </summary>
public sealed class KeptViewsCheck(IStateStore store, GeneratorOptions traffic)
{
    private readonly ManualFeed _feed = new();

    /// <summary>Records per committed batch.</summary>
    public int BatchSize { get; init; } = 40;

    /// <summary>Compare after every this many batches (and after the last).</summary>
    public int CheckEvery { get; init; } = 1;

    /// <summary>Batches whose notice is not published (a worker that died between commit and notice).</summary>
    public Func<int, bool> NoticeLost { get; init; } = _ => false;

    /// <summary>Batches after which the feed reports lost notices (a reconnect).</summary>
    public Func<int, bool> ReportLost { get; init; } = _ => false;

    public int Checks { get; private set; }

    public long WholeReads { get; private set; }

    /// <summary>Scope-level figures compared (so a test can say the check saw something).</summary>
    public long ScopesCompared { get; private set; }

    /// <summary>The first difference between kept and whole, or null when they agreed at every check.</summary>
    public async Task<string?> RunAsync(IReadOnlyList<StateWindow> windows)
    {
        var generator = new TrafficGenerator(traffic);
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default with { IdleTimeout = null });
        var batches = generator.Generate()
            .Select((r, i) => new InboundRecord(new SourcePartition("kept", 0), i, null, ReadOnlyMemory<byte>.Empty, r.Value))
            .Chunk(BatchSize)
            .Select((chunk, i) => new RecordBatch(chunk, traffic.StartMs + (i * 1_000L)))
            .ToList();
        using var live = new LiveStates(store, _feed, TimeProvider.System) { WholeReadInterval = TimeSpan.MaxValue };
        for (var i = 0; i < batches.Count; i++)
        {
            var delta = processor.Process(batches[i]).Delta;
            await store.CommitAsync(delta, CancellationToken.None);
            if (!NoticeLost(i))
            {
                foreach (var change in CampaignChange.Of(delta))
                {
                    _feed.Publish(change);
                }
            }

            if (ReportLost(i))
            {
                _feed.ReportLost();
            }

            if ((i + 1) % CheckEvery != 0 && i != batches.Count - 1)
            {
                continue;
            }

            Checks += 1;
            foreach (var campaign in catalog.Campaigns)
            {
                foreach (var window in windows)
                {
                    if (await DifferenceAsync(live, campaign.CampaignId, window) is { } difference)
                    {
                        return $"{campaign.CampaignId} over {window.Name}, after batch {i}: {difference}";
                    }
                }
            }
        }

        WholeReads = live.WholeReads;
        return null;
    }

    private async Task<string?> DifferenceAsync(LiveStates live, string campaignId, StateWindow window)
    {
        var kept = await live.ReadAsync(campaignId, window, CancellationToken.None);
        var whole = await store.ReadCampaignAsync(campaignId, window, CancellationToken.None);
        var minutes = whole.Totals.LastEventTs is { } newestTs
            ? await store.ReadBucketsAsync(
                AggregateKey.Campaign(campaignId),
                EventTime.BucketStart(newestTs) - ((LiveStates.TrendMinutes - 1) * EventTime.BucketMs),
                EventTime.BucketStart(newestTs) + EventTime.BucketMs,
                CancellationToken.None)
            : [];
        return Differ("totals", whole.Totals, kept.State.Totals)
            ?? (whole.Watermark == kept.State.Watermark ? null : $"watermark: whole {whole.Watermark}, kept {kept.State.Watermark}")
            ?? DifferAll("creator", whole.Creators, kept.State.Creators)
            ?? DifferAll("post", whole.Content, kept.State.Content)
            ?? DifferAll("minute", minutes.ToDictionary(m => m.Start), kept.Minutes.ToDictionary(m => m.Start))
            ?? DifferAll("credit", whole.Attribution.Creators, kept.State.Attribution.Creators)
            ?? (whole.Platforms.Keys.Order().SequenceEqual(kept.Platforms) ? null : "platforms differ");
    }

    private string? DifferAll<TKey, TValue>(string what, IReadOnlyDictionary<TKey, TValue> whole, IReadOnlyDictionary<TKey, TValue> kept)
        where TKey : notnull
    {
        foreach (var (key, want) in whole)
        {
            if (Differ($"{what} {key}", want, kept.GetValueOrDefault(key)) is { } difference)
            {
                return difference;
            }
        }

        var extra = kept.Keys.Where(k => !whole.ContainsKey(k)).Select(k => $"{what} {k}: kept has it, the whole read not");
        return extra.FirstOrDefault();
    }

    private string? Differ<T>(string what, T want, T? got)
    {
        ScopesCompared += 1;
        return Equals(want, got) ? null : $"{what}: whole {Text(want)}, kept {Text(got)}";
    }

    private static string Text(object? value) => value switch
    {
        null => "absent",
        AggregateView v => $"{Counts(v.Counters)} reach {v.Reach} first {v.FirstEventTs} last {v.LastEventTs} updated {v.UpdatedAtMs} format {v.Format}",
        BucketView b => $"{Text(b.Figures)} corrected {b.CorrectedAtMs}",
        _ => value.ToString() ?? "",
    };

    private static string Counts(Counters c) => string.Join(' ', typeof(Counters).GetFields().Select(f => $"{f.Name}={f.GetValue(c)}"));

    /// <summary>A change feed whose notices the check publishes by hand, and which can say it lost some.</summary>
    private sealed class ManualFeed : ICampaignChangeFeed
    {
        private readonly Subject<CampaignChange> _changes = new();
        private readonly Subject<Unit> _lost = new();

        public IObservable<CampaignChange> Changes => _changes;

        public IObservable<Alert> Alerts { get; } = new Subject<Alert>();

        public IObservable<Unit> Lost => _lost;

        public void Publish(CampaignChange change) => _changes.OnNext(change);

        public void Publish(Alert alert)
        {
        }

        public void ReportLost() => _lost.OnNext(Unit.Default);
    }
}
