using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;

namespace CreatorStream.Processing.State;

/// <summary>A campaign over one window as <see cref="LiveStates"/> keeps it: the figures, the last hour of minutes, and the platforms it has posts on.</summary>
public sealed record LiveRead(CampaignState State, IReadOnlyList<BucketView> Minutes, IReadOnlyList<Platform> Platforms);

/// <summary>
/// One campaign over one window, kept from the change feed (see <see cref="LiveStates"/>). <see cref="Mark"/> may be called
/// from any thread; <see cref="RefreshAsync"/> only while holding <see cref="Gate"/>.
/// </summary>
internal sealed class KeptState(string campaignId, StateWindow window)
{
    private readonly Lock _marks = new();
    private HashSet<AggregateKey> _touched = [];
    private bool _whole = true;

    // Kept under Gate. Per scope (its to-date key): its stored aggregates, by bucket start (to date: one, under ToDate).
    private readonly Dictionary<AggregateKey, Dictionary<long, Aggregate>> _stored = [];
    private readonly Dictionary<AggregateKey, AggregateView> _views = [];
    private readonly SortedDictionary<long, Aggregate> _minutes = [];
    private long? _trendEnd;
    private long _newestBucket = long.MinValue;
    private long _readWholeAtMs;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>When a reader last asked for this view (wall clock, ms; 0 before the first).</summary>
    public long LastReadMs { get; set; }

    /// <summary>How many times this view was read whole (the rest of its refreshes re-read only what was marked).</summary>
    public long WholeReads { get; private set; }

    /// <summary>Marks what a committed batch wrote for the next refresh; null: read everything again.</summary>
    public void Mark(IReadOnlyCollection<AggregateKey>? touched)
    {
        lock (_marks)
        {
            if (touched is null)
            {
                _whole = true;
            }
            else if (!_whole)
            {
                _touched.UnionWith(touched);
            }
        }
    }

    public async Task<LiveRead> RefreshAsync(IStateStore store, long nowMs, TimeSpan wholeEvery, CancellationToken cancellationToken)
    {
        HashSet<AggregateKey> touched;
        bool whole;
        lock (_marks)
        {
            // Taken before reading, so a notice that arrives during the read is kept for the next refresh.
            whole = _whole || nowMs - _readWholeAtMs >= wholeEvery.TotalMilliseconds;
            touched = _touched;
            _touched = [];
            _whole = false;
        }

        try
        {
            if (whole)
            {
                await ReadWholeAsync(store, cancellationToken);
                _readWholeAtMs = nowMs;
            }
            else
            {
                await ReadTouchedAsync(store, touched, cancellationToken);
            }
        }
        catch
        {
            // Half applied is not to be trusted: the next refresh reads everything again.
            Mark(null);
            throw;
        }

        // Credit is small (per creator and model) and changes with most batches: read whole every time.
        return Shape(await store.ReadAttributionAsync(campaignId, cancellationToken), await store.ReadWatermarkAsync(campaignId, cancellationToken));
    }

    private async Task ReadWholeAsync(IStateStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAggregatesAsync(campaignId, window, cancellationToken);
        WholeReads += 1;
        _stored.Clear();
        _views.Clear();
        _newestBucket = long.MinValue;
        foreach (var (key, aggregate) in stored)
        {
            Put(key, aggregate);
        }

        // A store reads a window's first bucket and its buckets in separate steps, so a commit in between can bring a
        // newer one: the window starts from the newest read.
        if (window.Span is { } span && _newestBucket != long.MinValue)
        {
            DropBucketsBefore(CampaignViews.WindowStart(_newestBucket, span));
        }

        foreach (var scope in _stored.Keys)
        {
            Merge(scope);
        }

        _trendEnd = null;
        await FollowTrendAsync(store, new Dictionary<AggregateKey, Aggregate>(), cancellationToken);
    }

    private async Task ReadTouchedAsync(IStateStore store, HashSet<AggregateKey> touched, CancellationToken cancellationToken)
    {
        var rolling = window.Span;
        var newest = _newestBucket;
        foreach (var key in touched)
        {
            if (!key.IsToDate && key.BucketStart > newest)
            {
                newest = key.BucketStart;
            }
        }

        // What this window is made of, and the campaign's minutes (the trend); nothing else the batches wrote.
        var first = rolling is { } span && newest != long.MinValue ? CampaignViews.WindowStart(newest, span) : long.MinValue;
        var wanted = touched
            .Where(k => rolling is null ? k.IsToDate : !k.IsToDate && k.BucketStart >= first)
            .Concat(touched.Where(k => k.Scope == AggregateScope.Campaign && !k.IsToDate))
            .ToHashSet();
        var read = await store.ReadAggregatesAsync(campaignId, wanted, cancellationToken);

        // The window moved on: buckets before its first leave every scope that has them.
        var changed = rolling is not null && newest > _newestBucket ? DropBucketsBefore(first) : [];
        _newestBucket = Math.Max(_newestBucket, newest);
        foreach (var key in wanted)
        {
            if (rolling is null ? key.IsToDate : !key.IsToDate && key.BucketStart >= first)
            {
                changed.Add(key.AsToDate());
                if (read.TryGetValue(key, out var aggregate))
                {
                    Put(key, aggregate);
                }
                else
                {
                    Remove(key);
                }
            }
        }

        foreach (var scope in changed)
        {
            Merge(scope);
        }

        await FollowTrendAsync(store, read, cancellationToken);
    }

    /// <summary>
    /// Keeps the trend: the campaign's minutes from 59 before its newest event's minute to that minute, as a whole read
    /// gives them. While that minute stays, the minutes batches wrote are taken from <paramref name="read"/>; when it moves
    /// (at most once a minute), the hour is read again, since minutes written past the old end (an order credited in its
    /// own minute moves no event time) come into it.
    /// </summary>
    private async Task FollowTrendAsync(IStateStore store, IReadOnlyDictionary<AggregateKey, Aggregate> read, CancellationToken cancellationToken)
    {
        var end = NewestMinute();
        if (end != _trendEnd)
        {
            _trendEnd = end;
            _minutes.Clear();
            if (end is { } newest)
            {
                var minutes = Enumerable.Range(0, LiveStates.TrendMinutes)
                    .Select(i => AggregateKey.Campaign(campaignId, newest - (i * EventTime.BucketMs)))
                    .ToList();
                foreach (var (key, minute) in await store.ReadAggregatesAsync(campaignId, minutes, cancellationToken))
                {
                    _minutes[key.BucketStart] = minute;
                }
            }

            return;
        }

        if (end is not { } trendEnd)
        {
            return;
        }

        var trendStart = trendEnd - ((LiveStates.TrendMinutes - 1) * EventTime.BucketMs);
        foreach (var (key, minute) in read)
        {
            if (key.Scope == AggregateScope.Campaign && !key.IsToDate && key.BucketStart >= trendStart && key.BucketStart <= trendEnd)
            {
                _minutes[key.BucketStart] = minute;
            }
        }
    }

    /// <summary>Drops every scope's buckets before <paramref name="first"/>; returns the scopes that lost some.</summary>
    private HashSet<AggregateKey> DropBucketsBefore(long first)
    {
        var changed = new HashSet<AggregateKey>();
        foreach (var (scope, buckets) in _stored)
        {
            foreach (var start in buckets.Keys)
            {
                if (start < first)
                {
                    buckets.Remove(start);
                    changed.Add(scope);
                }
            }
        }

        return changed;
    }

    private void Put(AggregateKey key, Aggregate aggregate)
    {
        var scope = key.AsToDate();
        if (!_stored.TryGetValue(scope, out var buckets))
        {
            buckets = [];
            _stored.Add(scope, buckets);
        }

        buckets[key.BucketStart] = aggregate;
        if (!key.IsToDate)
        {
            _newestBucket = Math.Max(_newestBucket, key.BucketStart);
        }
    }

    private void Remove(AggregateKey key)
    {
        if (_stored.TryGetValue(key.AsToDate(), out var buckets))
        {
            buckets.Remove(key.BucketStart);
        }
    }

    /// <summary>Re-merges one scope's view from its kept aggregates (gone when none are left).</summary>
    private void Merge(AggregateKey scope)
    {
        if (!_stored.TryGetValue(scope, out var buckets) || buckets.Count == 0)
        {
            _stored.Remove(scope);
            _views.Remove(scope);
            return;
        }

        if (window.Span is null)
        {
            _views[scope] = AggregateView.Of(buckets[AggregateKey.ToDate]);
            return;
        }

        var sum = new Aggregate();
        foreach (var bucket in buckets.Values)
        {
            sum.MergeFrom(bucket);
        }

        _views[scope] = AggregateView.Of(sum);
    }

    /// <summary>The minute of the campaign's newest event in this window (where the trend ends), or null before any.</summary>
    private long? NewestMinute() =>
        _views.GetValueOrDefault(AggregateKey.Campaign(campaignId))?.LastEventTs is { } newestTs ? EventTime.BucketStart(newestTs) : null;

    private LiveRead Shape(CampaignAttribution attribution, long watermark)
    {
        var totals = AggregateView.Empty;
        var creators = new Dictionary<string, AggregateView>(StringComparer.Ordinal);
        var content = new Dictionary<ContentRef, AggregateView>();
        var platforms = new SortedSet<Platform>();
        foreach (var (key, view) in _views)
        {
            switch (key.Scope)
            {
                case AggregateScope.Campaign: totals = view; break;
                case AggregateScope.Creator: creators[key.CreatorId] = view; break;
                default:
                    content[new ContentRef(key.CreatorId, key.ContentId, key.Platform)] = view;
                    platforms.Add(key.Platform);
                    break;
            }
        }

        var state = new CampaignState(campaignId, window, totals, creators, content, watermark) { Attribution = attribution };
        var minutes = _minutes.Select(m => new BucketView(m.Key, AggregateView.Of(m.Value), m.Value.CorrectedAtMs)).ToList();
        return new LiveRead(state, minutes, [.. platforms]);
    }
}
