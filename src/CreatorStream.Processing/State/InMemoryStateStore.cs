using CreatorStream.Core.Alerts;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.State;

/// <summary>
/// The state store in process memory, for <c>run</c>, <c>replay</c> and tests. One lock guards everything: a
/// commit is atomic with respect to every read, as the Redis store's MULTI/EXEC is. Buckets older than
/// <see cref="BucketRetention"/> behind the watermark are dropped, so memory stays bounded on a long run.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    /// <summary>How long one-minute buckets are kept: the longest rolling view (24 h) plus the allowed lateness.</summary>
    public static readonly TimeSpan BucketRetention = TimeSpan.FromHours(25);

    /// <summary>The largest snapshot a commit may carry (no limit by default; tests set a small one to try a worker whose snapshots are all refused).</summary>
    public long MaxSnapshotBytes { get; init; } = long.MaxValue;

    /// <summary>Alerts kept per campaign: the most recent 1,000, plenty for a dashboard's feed and a report.</summary>
    public const int AlertsPerCampaign = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CampaignAggregates> _campaigns = new(StringComparer.Ordinal);

    // The minute buckets' sketch arrays, given back as buckets age out and lent to new minutes (used under _gate). A
    // minute's worth of every campaign's buckets waits here at most: at 3,000 events a second, a few mebibytes.
    private readonly Core.Sketches.SketchArrays _sketchArrays = new(maxBytesKept: 16L << 20);

    private readonly Dictionary<SourcePartition, long> _offsets = [];
    private readonly Dictionary<SourcePartition, Core.Snapshots.SnapshotBytes> _snapshots = []; // kept as the writer made them
    private readonly Dictionary<string, long> _lastCommits = new(StringComparer.Ordinal);
    private readonly Dictionary<DeadLetterReason, long> _deadLetters = [];
    private readonly Dictionary<string, List<Alert>> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<FlagScope, IReadOnlyList<Core.Authenticity.FlaggedAccount>> _flagged = [];
    private readonly Dictionary<string, ContentRecords> _content = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedCampaigns = new(StringComparer.Ordinal); // one commit's, under the gate; kept from commit to commit
    private readonly Dictionary<string, (Dictionary<string, Core.Content.FlagReview> Reviews, List<Core.Content.ReviewEntry> Trail)> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Dictionary<string, Core.Commissions.StatementDecision> Latest, List<Core.Commissions.StatementDecision> Trail)> _decisions = new(StringComparer.Ordinal);
    // Stream-wide, so added to by every brand task in whatever order their commits land: held as decimals, whose sums of
    // these values are exact, so the figure does not depend on that order (as doubles, its last digits did).
    private decimal _unattributedConversions;
    private decimal _unattributedRevenue;
    private long _events;
    private long _duplicates;
    private long _probableDuplicates;
    private long _dedupFilterLookups;
    private long _unmatchedSessions;
    private long _watermark = long.MinValue;

    /// <summary>Sketch registers lent again after a dropped bucket gave them back: for tests.</summary>
    internal long SketchRegistersReused
    {
        get
        {
            lock (_gate)
            {
                return _sketchArrays.RegistersReused;
            }
        }
    }

    public ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Admit(delta))
            {
                return ValueTask.CompletedTask;
            }

            foreach (var (key, change) in delta.Aggregates)
            {
                var campaign = CampaignFor(key.CampaignId);
                var aggregate = campaign.GetOrAdd(key);
                aggregate.Apply(change, delta.WallClockMs);
                campaign.RollUp(key, change.Counters);
                if (delta.IsCorrected(key))
                {
                    aggregate.MarkCorrected(delta.WallClockMs);
                }
            }

            foreach (var (partition, next) in delta.NextOffsets)
            {
                _offsets[partition] = next;
            }

            if (delta.Snapshot is { } snapshot)
            {
                foreach (var partition in delta.NextOffsets.Keys)
                {
                    _snapshots[partition] = snapshot;
                }
            }

            foreach (var (reason, count) in delta.DeadLetters)
            {
                _deadLetters[reason] = _deadLetters.GetValueOrDefault(reason) + count;
            }

            foreach (var alert in delta.Alerts)
            {
                AddAlert(alert);
            }

            ApplyAttribution(delta.Attribution);
            if (delta.HasFlaggedAccounts)
            {
                foreach (var (scope, accounts) in delta.FlaggedAccounts)
                {
                    _flagged[scope] = accounts;
                }
            }

            if (delta.HasContent)
            {
                ApplyContent(delta.Content);
            }

            _events += delta.Events;
            _duplicates += delta.Duplicates;
            _probableDuplicates += delta.ProbableDuplicates;
            _dedupFilterLookups += delta.DedupFilterLookups;
            _unmatchedSessions += delta.UnmatchedSessions;
            _watermark = Math.Max(_watermark, delta.Watermark);
            delta.AddCampaignsTo(_changedCampaigns);
            foreach (var campaignId in _changedCampaigns)
            {
                CampaignFor(campaignId).DropBucketsOlderThan(BucketRetention);
            }

            _changedCampaigns.Clear();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether to apply a delta: not a repeat of an applied commit, and fenced offsets as expected.</summary>
    private bool Admit(StateDelta delta)
    {
        // Per task, as in Redis: one writer commits several tasks in parallel, each task's sequence rising on its own.
        var writer = delta.CommitId.Writer is { } id ? $"{delta.Task}|{id}" : null;
        if (writer is not null && _lastCommits.TryGetValue(writer, out var last) && delta.CommitId.Sequence <= last)
        {
            return false;
        }

        foreach (var (partition, expected) in delta.Fence)
        {
            var stored = _offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
            if (stored != expected)
            {
                throw new StateFencedException($"{partition}: the store is at offset {stored}, the commit expected {expected}");
            }
        }

        if (writer is not null)
        {
            _lastCommits[writer] = delta.CommitId.Sequence;
        }

        return true;
    }

    public ValueTask<Checkpoint> ReadCheckpointAsync(IReadOnlyCollection<SourcePartition> partitions, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var offsets = partitions.Where(_offsets.ContainsKey).ToDictionary(p => p, p => _offsets[p]);
            var snapshots = partitions.Where(_snapshots.ContainsKey).ToDictionary(p => p, p => _snapshots[p]);
            return ValueTask.FromResult(new Checkpoint(offsets, snapshots));
        }
    }

    /// <summary>Every partition's committed offset (for tests and benchmarks: how far processing has come).</summary>
    public IReadOnlyDictionary<SourcePartition, long> Offsets()
    {
        lock (_gate)
        {
            return new Dictionary<SourcePartition, long>(_offsets);
        }
    }

    public ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(new StreamCounters(_events, _duplicates, new Dictionary<DeadLetterReason, long>(_deadLetters)) { Unattributed = Unattributed(), ProbableDuplicates = _probableDuplicates, DedupFilterLookups = _dedupFilterLookups, UnmatchedSessions = _unmatchedSessions });
        }
    }

    private CreditSums Unattributed()
    {
        var sums = default(CreditSums);
        sums.Add((double)_unattributedConversions, (double)_unattributedRevenue);
        return sums;
    }

    public ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var buckets = new List<BucketView>();
            if (_campaigns.TryGetValue(key.CampaignId, out var campaign))
            {
                foreach (var (start, bucket) in campaign.Buckets)
                {
                    if (start >= fromInclusive && start < toExclusive && bucket.TryGetValue(key with { BucketStart = start }, out var aggregate))
                    {
                        buckets.Add(new BucketView(start, AggregateView.Of(aggregate), aggregate.CorrectedAtMs));
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<BucketView>>(buckets);
        }
    }

    public ValueTask<IReadOnlyList<PeriodView>> ReadSeriesAsync(AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive, CancellationToken cancellationToken)
    {
        var starts = SeriesRange.Starts(key, granularity, fromInclusive, toExclusive);
        lock (_gate)
        {
            var periods = new List<PeriodView>();
            if (_campaigns.TryGetValue(key.CampaignId, out var campaign))
            {
                var series = granularity == SeriesGranularity.Hour ? campaign.Hours : campaign.Days;
                foreach (var start in starts)
                {
                    if (series.TryGetValue((key.AsToDate(), start), out var counters))
                    {
                        periods.Add(new PeriodView(start, counters));
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<PeriodView>>(periods);
        }
    }

    public ValueTask<IReadOnlyList<Core.Authenticity.FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_flagged.GetValueOrDefault(scope) ?? []);
        }
    }

    public ValueTask<Core.Content.CampaignContent> ReadContentAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_content.TryGetValue(campaignId, out var records)
                ? Core.Content.CampaignContent.Of(records.Posts.Values, records.Flags.Values, records.Deliverables.Values, records.Estimates, records.Commissions)
                : Core.Content.CampaignContent.Empty);
        }
    }

    public ValueTask<Core.Content.ReviewLedger> ReadReviewsAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_reviews.TryGetValue(campaignId, out var ledger)
                ? new Core.Content.ReviewLedger(new Dictionary<string, Core.Content.FlagReview>(ledger.Reviews, StringComparer.Ordinal), [.. ledger.Trail])
                : Core.Content.ReviewLedger.Empty);
        }
    }

    public ValueTask<Core.Commissions.StatementDecisions> ReadDecisionsAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_decisions.TryGetValue(campaignId, out var book)
                ? new Core.Commissions.StatementDecisions(new Dictionary<string, Core.Commissions.StatementDecision>(book.Latest, StringComparer.Ordinal), [.. book.Trail])
                : Core.Commissions.StatementDecisions.Empty);
        }
    }

    public ValueTask<Core.Commissions.DecisionOutcome> DecideAsync(string campaignId, Core.Commissions.StatementDecision decision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_decisions.TryGetValue(campaignId, out var book))
            {
                book = (new(StringComparer.Ordinal), []);
                _decisions[campaignId] = book;
            }

            var current = book.Latest.TryGetValue(decision.StatementId, out var latest) ? latest.To : Core.Commissions.StatementStates.Draft;
            if (current != decision.From)
            {
                return ValueTask.FromResult(new Core.Commissions.DecisionOutcome(false, current));
            }

            if (decision.ApprovedBefore is { } before && before != book.Latest.Values.Count(d => d.To == Core.Commissions.StatementStates.Approved && d.CreatorId == decision.CreatorId))
            {
                return ValueTask.FromResult(new Core.Commissions.DecisionOutcome(false, Core.Commissions.StatementStates.Changed));
            }

            book.Latest[decision.StatementId] = decision;
            book.Trail.Add(decision);
            return ValueTask.FromResult(new Core.Commissions.DecisionOutcome(true, decision.To));
        }
    }

    public ValueTask<Core.Content.ReviewOutcome> ReviewAsync(string campaignId, Core.Content.ReviewEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_reviews.TryGetValue(campaignId, out var ledger))
            {
                ledger = (new(StringComparer.Ordinal), []);
                _reviews[campaignId] = ledger;
            }

            var current = ledger.Reviews.TryGetValue(entry.FlagId, out var review) ? review.State : Core.Content.ReviewStates.Open;
            if (current != entry.From)
            {
                return ValueTask.FromResult(new Core.Content.ReviewOutcome(false, current));
            }

            ledger.Reviews[entry.FlagId] = Core.Content.ReviewLedger.After(entry);
            ledger.Trail.Add(entry);
            return ValueTask.FromResult(new Core.Content.ReviewOutcome(true, entry.To));
        }
    }

    private void ApplyContent(Core.Content.ContentDelta content)
    {
        foreach (var ((campaignId, field), post) in content.Posts)
        {
            ContentOf(campaignId).Posts[field] = post;
        }

        foreach (var ((campaignId, id), flag) in content.Flags)
        {
            ContentOf(campaignId).Flags[id] = flag;
        }

        foreach (var ((campaignId, id), deliverable) in content.Deliverables)
        {
            ContentOf(campaignId).Deliverables[id] = deliverable;
        }

        foreach (var (campaignId, estimates) in content.Estimates)
        {
            ContentOf(campaignId).Estimates = estimates;
        }

        foreach (var (campaignId, commissions) in content.Commissions)
        {
            ContentOf(campaignId).Commissions = commissions;
        }
    }

    private ContentRecords ContentOf(string campaignId)
    {
        if (!_content.TryGetValue(campaignId, out var records))
        {
            records = new ContentRecords();
            _content[campaignId] = records;
        }

        return records;
    }

    /// <summary>A campaign's content records by field (docs/design.md, "Content"): the latest write of each wins.</summary>
    private sealed class ContentRecords
    {
        public Dictionary<string, Core.Content.PostRecord> Posts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Core.Content.ComplianceFlag> Flags { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Core.Content.DeliverableRecord> Deliverables { get; } = new(StringComparer.Ordinal);
        public Core.Estimates.CampaignEstimates? Estimates { get; set; }
        public Core.Commissions.CampaignCommissions? Commissions { get; set; }
    }

    public ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<Alert>>(_alerts.TryGetValue(campaignId, out var alerts) ? [.. alerts] : []);
        }
    }

    public ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return ValueTask.FromResult(CampaignViews.Empty(campaignId, window, _watermark));
            }

            var source = window.Span is null ? campaign.ToDate : CampaignViews.MergeBuckets(RecentBuckets(campaign, window));
            return ValueTask.FromResult(CampaignViews.Build(campaignId, window, source, campaign.Attribution(), _watermark));
        }
    }

    public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<AggregateKey, Aggregate> copies = !_campaigns.TryGetValue(campaignId, out var campaign)
                ? new Dictionary<AggregateKey, Aggregate>()
                : (window.Span is null ? campaign.ToDate : RecentBuckets(campaign, window)).ToDictionary(p => p.Key, p => p.Value.Copy());
            return ValueTask.FromResult(copies);
        }
    }

    public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, IReadOnlyCollection<AggregateKey> keys, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var copies = new Dictionary<AggregateKey, Aggregate>(keys.Count);
            if (_campaigns.TryGetValue(campaignId, out var campaign))
            {
                foreach (var key in keys)
                {
                    var hash = key.IsToDate ? campaign.ToDate : campaign.Buckets.GetValueOrDefault(key.BucketStart);
                    if (hash is not null && hash.TryGetValue(key, out var aggregate))
                    {
                        copies[key] = aggregate.Copy();
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyDictionary<AggregateKey, Aggregate>>(copies);
        }
    }

    public ValueTask<CampaignAttribution> ReadAttributionAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_campaigns.TryGetValue(campaignId, out var campaign) ? campaign.Attribution() : CampaignAttribution.Empty);
        }
    }

    public ValueTask<long> ReadWatermarkAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_watermark);
        }
    }

    /// <summary>The bucket aggregates of a rolling window, ending at the campaign's newest bucket.</summary>
    private static IEnumerable<KeyValuePair<AggregateKey, Aggregate>> RecentBuckets(CampaignAggregates campaign, StateWindow window)
    {
        if (campaign.Buckets.Count == 0)
        {
            return [];
        }

        var from = CampaignViews.WindowStart(campaign.Buckets.Keys.Last(), window.Span!.Value);
        return campaign.Buckets.Where(b => b.Key >= from).SelectMany(b => b.Value);
    }

    private void ApplyAttribution(AttributionDelta attribution)
    {
        foreach (var (key, sums) in attribution.Credits)
        {
            var campaign = CampaignFor(key.CampaignId);
            Add(campaign.CreatorCredits, (key.CreatorId, key.Model), sums);
            Add(campaign.ContentCredits, (key.ContentId, key.Model), sums);
        }

        foreach (var (key, sums) in attribution.CountryCredits)
        {
            Add(CampaignFor(key.CampaignId).CountryCredits, (key.ContentId, key.Country, key.Model), sums);
        }

        foreach (var (key, change) in attribution.CountryReach)
        {
            ref var reach = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                CampaignFor(key.CampaignId).CountryReach, (key.CreatorId, key.ContentId, key.Platform, key.Country), out _);
            reach.Add(change.Impressions, change.Clicks);
        }

        foreach (var (key, change) in attribution.KindCredits)
        {
            var credits = CampaignFor(key.CampaignId).KindCredits;
            var current = credits.GetValueOrDefault((key.CreatorId, key.Kind, key.Model));
            current.Add(change);
            credits[(key.CreatorId, key.Kind, key.Model)] = current;
        }

        foreach (var (key, change) in attribution.Orders)
        {
            var orders = CampaignFor(key.CampaignId).Orders;
            var current = orders.GetValueOrDefault((key.CreatorId, key.Kind));
            current.Add(change.Count, change.Value);
            orders[(key.CreatorId, key.Kind)] = current;
        }

        foreach (var (creator, count) in attribution.Assists)
        {
            var assists = CampaignFor(creator.CampaignId).Assists;
            assists[creator.CreatorId] = assists.GetValueOrDefault(creator.CreatorId) + count;
        }

        foreach (var (campaignId, fallback) in attribution.DataDrivenFallback)
        {
            CampaignFor(campaignId).DataDrivenFallback = fallback;
        }

        _unattributedConversions += (decimal)attribution.Unattributed.Conversions;
        _unattributedRevenue += (decimal)attribution.Unattributed.Revenue;
    }

    private static void Add<TKey>(Dictionary<TKey, CreditSums> sums, TKey key, CreditSums change)
        where TKey : notnull
    {
        var current = sums.GetValueOrDefault(key);
        current.Add(change.Conversions, change.Revenue);
        sums[key] = current;
    }

    private void AddAlert(Alert alert)
    {
        if (!_alerts.TryGetValue(alert.CampaignId, out var alerts))
        {
            alerts = [];
            _alerts.Add(alert.CampaignId, alerts);
        }

        // The same alert again (a batch re-processed after a crash) replaces itself rather than repeating.
        var existing = alerts.FindIndex(a => a.AlertId == alert.AlertId);
        if (existing >= 0)
        {
            alerts[existing] = alert;
            return;
        }

        alerts.Add(alert);
        if (alerts.Count > AlertsPerCampaign)
        {
            alerts.RemoveAt(0);
        }
    }

    private CampaignAggregates CampaignFor(string campaignId)
    {
        if (!_campaigns.TryGetValue(campaignId, out var campaign))
        {
            campaign = new CampaignAggregates(_sketchArrays);
            _campaigns.Add(campaignId, campaign);
        }

        return campaign;
    }
}
