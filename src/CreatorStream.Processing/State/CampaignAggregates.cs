using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.State;

/// <summary>
/// One campaign's aggregates in the memory store: to date, and one-minute buckets by start time. The buckets' reach
/// sketches grow on arrays lent by <paramref name="arrays"/> (the store's, used under its lock), which the buckets
/// dropped give back: a long run's new minutes grew theirs anew, a quarter of what the pipeline allocated in steady state
/// (docs/benchmarks.md, session 54). The dropped buckets' aggregates and tables, emptied, are the next minutes' (session
/// 55).
/// </summary>
internal sealed class CampaignAggregates(Core.Sketches.SketchArrays arrays)
{
    /// <summary>Dropped minutes' aggregates kept for new ones at most.</summary>
    internal const int MaxSpareAggregates = 4_096;

    private readonly Stack<Aggregate> _spareAggregates = new();
    private readonly Stack<Dictionary<AggregateKey, Aggregate>> _spareMinutes = new();

    /// <summary>Dropped minutes' aggregates kept now for new ones (for tests).</summary>
    internal int SpareAggregates => _spareAggregates.Count;

    public Dictionary<AggregateKey, Aggregate> ToDate { get; } = [];

    /// <summary>
    /// Minute buckets by start. A sorted list: new minutes append at its end, and the oldest and newest are read by
    /// index on every commit (a sorted dictionary walked all of its 1,500 buckets to find the newest).
    /// </summary>
    public SortedList<long, Dictionary<AggregateKey, Aggregate>> Buckets { get; } = [];

    /// <summary>
    /// The long series (docs/design.md, "Trends"): per campaign and creator aggregate (its to-date key) and period start,
    /// the sums of its minutes' counts, for the campaign's life.
    /// </summary>
    public Dictionary<(AggregateKey Key, long Start), Counters> Hours { get; } = [];

    public Dictionary<(AggregateKey Key, long Start), Counters> Days { get; } = [];

    public Dictionary<(string CreatorId, string Model), CreditSums> CreatorCredits { get; } = [];

    public Dictionary<(string ContentId, string Model), CreditSums> ContentCredits { get; } = [];

    public Dictionary<string, long> Assists { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string CreatorId, Core.Events.ConversionKind Kind, string Model), KindCredit> KindCredits { get; } = [];

    public Dictionary<(string CreatorId, Core.Events.ConversionKind Kind), OrderSums> Orders { get; } = [];

    public Dictionary<(string ContentId, string Country, string Model), CreditSums> CountryCredits { get; } = [];

    public Dictionary<(string CreatorId, string ContentId, Core.Events.Platform Platform, string Country), CountryReach> CountryReach { get; } = [];

    public bool DataDrivenFallback { get; set; } = true;

    public CampaignAttribution Attribution() => new(
        new Dictionary<(string, string), CreditSums>(CreatorCredits),
        new Dictionary<(string, string), CreditSums>(ContentCredits),
        new Dictionary<string, long>(Assists, StringComparer.Ordinal),
        DataDrivenFallback)
    {
        ByKind = new Dictionary<(string, Core.Events.ConversionKind, string), KindCredit>(KindCredits),
        Orders = new Dictionary<(string, Core.Events.ConversionKind), OrderSums>(Orders),
        ByCountry = new Dictionary<(string, string, string), CreditSums>(CountryCredits),
        CountryReach = new Dictionary<(string, string, Core.Events.Platform, string), CountryReach>(CountryReach),
    };

    public Aggregate GetOrAdd(AggregateKey key)
    {
        Dictionary<AggregateKey, Aggregate> target;
        if (key.IsToDate)
        {
            target = ToDate;
        }
        else if (!Buckets.TryGetValue(key.BucketStart, out target!))
        {
            target = _spareMinutes.TryPop(out var spare) ? spare : [];
            Buckets.Add(key.BucketStart, target);
        }

        if (!target.TryGetValue(key, out var aggregate))
        {
            aggregate = key.IsToDate ? new Aggregate() : _spareAggregates.TryPop(out var spare) ? spare : new Aggregate(arrays);
            target.Add(key, aggregate);
        }

        return aggregate;
    }

    /// <summary>Adds a minute bucket's change to the hour and the day that hold it (campaign and creator scopes only).</summary>
    public void RollUp(AggregateKey bucket, in Counters change)
    {
        if (bucket.IsToDate || !SeriesPeriods.Kept(bucket.Scope))
        {
            return;
        }

        var key = bucket.AsToDate();
        Add(Hours, (key, SeriesPeriods.Start(SeriesGranularity.Hour, bucket.BucketStart)), change);
        Add(Days, (key, SeriesPeriods.Start(SeriesGranularity.Day, bucket.BucketStart)), change);
    }

    private static void Add(Dictionary<(AggregateKey, long), Counters> periods, (AggregateKey, long) period, in Counters change)
    {
        ref var counters = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(periods, period, out _);
        counters.Add(change);
    }

    /// <summary>
    /// Drops buckets more than <paramref name="retention"/> older than the campaign's newest bucket: no rolling view
    /// reaches them. Measured from the data, not the watermark, which jumps to the end of time when a replay ends.
    /// </summary>
    public void DropBucketsOlderThan(TimeSpan retention)
    {
        if (Buckets.Count == 0)
        {
            return;
        }

        var cutoff = Buckets.Keys[^1] - (long)retention.TotalMilliseconds;
        while (Buckets.Keys[0] < cutoff) // the newest is never before the cutoff, so the list never empties here
        {
            var minute = Buckets.Values[0];
            foreach (var aggregate in minute.Values)
            {
                // Every reader took a view or a copy under the store's lock: nothing holds it.
                if (_spareAggregates.Count < MaxSpareAggregates && aggregate.Clearable)
                {
                    aggregate.Clear();
                    _spareAggregates.Push(aggregate);
                }
                else
                {
                    aggregate.GiveBack();
                }
            }

            Buckets.RemoveAt(0);
            if (_spareMinutes.Count < 2)
            {
                minute.Clear(); // its table keeps its size for a later minute
                _spareMinutes.Push(minute);
            }
        }
    }
}
