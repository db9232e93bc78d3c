using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.Spikes;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// The stateful heart of the pipeline (DESIGN.md sections 3 and 4), free of I/O: it turns micro-batches of raw
/// records into state deltas, dead letters and closed windows. Per record: decode and validate, drop repeats of
/// an <c>event_id</c>, dead-letter events later than the allowed lateness, then count the event into its
/// campaign, creator and content aggregates, each campaign to date and in its one-minute bucket.
/// <para>Single-threaded by design: one instance per worker, fed one batch at a time (the Rx pipeline
/// serialises calls). Processing the same batches in the same order gives the same results.</para>
/// </summary>
public sealed class StreamProcessor
{
    private readonly CampaignCatalog _catalog;
    private readonly ProcessorOptions _options;
    private readonly IEngagementClassifier _classifier;
    private readonly EventDecoder _decoder;
    private readonly WatermarkTracker _watermarks;
    private readonly WindowTracker _windows;
    private readonly SpikeDetector _spikes;
    private readonly Dictionary<SourcePartition, Deduplicator> _deduplicators = [];
    private readonly ConversionAttributor _attributor;
    private readonly HashSet<FlagScope> _flaggedPosts = [];

    // The partitions this processor owns and, for each, the offset of the next record it expects (the store's offset
    // when it was assigned, then one past each record processed): what its commits tell the store to expect (the fence).
    private readonly Dictionary<SourcePartition, long> _positions = [];
    private bool _restoring;
    private long _flagsPublishedAt = long.MinValue;

    // Conversions wait here until the watermark passes them: by then every earlier touchpoint of the user has arrived,
    // whatever partition or topic it came on, so attribution does not depend on arrival order. Touchpoints wait here too,
    // for the Markov chain of data-driven credit, so that it also grows in event-time order. Released in (ts, id) order.
    private readonly PriorityQueue<(StreamEvent Event, InboundRecord Record), (long Ts, string EventId)> _pendingAttribution =
        new(Comparer<(long Ts, string EventId)>.Create((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.EventId, b.EventId)));
    private readonly HashSet<string> _brands;

    public StreamProcessor(CampaignCatalog catalog, ProcessorOptions options, IEngagementClassifier classifier, EventDecoder decoder)
    {
        _catalog = catalog;
        _options = options;
        _classifier = classifier;
        _decoder = decoder;
        _watermarks = new WatermarkTracker(options.WatermarkDelay, options.IdleTimeout);
        _windows = new WindowTracker(options.AllowedLateness);
        _spikes = new SpikeDetector(options.Spikes);
        _brands = catalog.Campaigns.Select(c => c.BrandId).ToHashSet(StringComparer.Ordinal);
        _attributor = new ConversionAttributor(catalog, options.AllowedLateness);
    }

    /// <summary>The processor as the worker and replay run it, with the authenticity classifier.</summary>
    public StreamProcessor(CampaignCatalog catalog, ProcessorOptions options)
        : this(catalog, options, new AuthenticityClassifier(options.Authenticity), new EventDecoder(options.Limits))
    {
    }

    public long Watermark => _watermarks.Current;

    public BatchResult Process(RecordBatch batch)
    {
        // A restore batch re-reads records whose output is already stored: nothing is released while restoring, since
        // what the previous owner released is known only per partition (CompleteRestore).
        _restoring = batch.IsRestore;
        var result = new BatchResult(batch.WallClockMs);
        foreach (var partition in batch.Revoked)
        {
            Revoke(partition);
        }

        foreach (var partition in batch.Assigned)
        {
            _watermarks.Register(partition, batch.WallClockMs);
            _positions[partition] = batch.Checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
        }

        foreach (var (partition, position) in _positions)
        {
            result.Delta.Fence[partition] = position;
        }

        foreach (var record in batch.Records)
        {
            result.Delta.Fence.TryAdd(record.Source, _positions.GetValueOrDefault(record.Source, StateDelta.NoOffset));
            ProcessRecord(record, result, batch.WallClockMs);
            result.Delta.NextOffsets[record.Source] = _positions[record.Source] = record.Offset + 1;
        }

        Close(_watermarks.Advance(batch.WallClockMs), result, batch.WallClockMs);
        return result;
    }

    /// <summary>
    /// Ends a rebuild (records of <paramref name="checkpoint"/>'s partitions re-read up to its offsets, processed as
    /// restore batches): releases, without output, each waiting event that the previous owner of its partition had
    /// already released, so that it is neither judged nor attributed twice; and takes the checkpoint's offsets as
    /// where the owned partitions stand.
    /// </summary>
    public void CompleteRestore(Checkpoint checkpoint, long wallClockMs)
    {
        foreach (var partition in _positions.Keys.ToList())
        {
            _positions[partition] = checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
        }

        var discarded = new BatchResult(wallClockMs);
        bool AlreadyReleased((StreamEvent Event, InboundRecord Record) item, long ts) =>
            checkpoint.ReleasedThrough.TryGetValue(item.Record.Source, out var released) && ts <= released;
        foreach (var item in TakeWaiting(AlreadyReleased))
        {
            Release(item, discarded, checkpoint.ReleasedThrough[item.Record.Source]);
        }

        // Now windows close, spike baselines learn and memory expires as they did before, up to the rebuilt watermark;
        // events past their partition's released watermark wait for the next live batch.
        _restoring = false;
        Close(_watermarks.Current, discarded, wallClockMs, release: false);
    }

    /// <summary>Ends a finite input (replay): the watermark moves past every event, so every bucket closes.</summary>
    public BatchResult Flush(long wallClockMs)
    {
        var result = new BatchResult(wallClockMs);
        _flagsPublishedAt = long.MinValue; // the end of input: publish the final explanations whatever the interval
        Close(_watermarks.AdvanceTo(long.MaxValue - (long)_options.AllowedLateness.TotalMilliseconds - EventTime.BucketMs), result, wallClockMs);
        return result;
    }

    /// <summary>
    /// Publishes who is flagged and why (campaign-wide, per creator, and per post that raised an incident) at most every
    /// <see cref="ProcessorOptions.FlagsInterval"/>: explanations are read by people, so seconds-old is fresh enough.
    /// </summary>
    private void PublishFlags(BatchResult result, long wallClockMs)
    {
        foreach (var alert in result.Alerts.Where(a => a.Kind == Alerts.AlertKinds.InauthenticEngagement))
        {
            _flaggedPosts.Add(new FlagScope(alert.CampaignId, alert.CreatorId, alert.ContentId));
        }

        if (_flagsPublishedAt != long.MinValue && wallClockMs - _flagsPublishedAt < _options.FlagsInterval.TotalMilliseconds)
        {
            return;
        }

        _flagsPublishedAt = wallClockMs;
        var scopes = _catalog.Campaigns.SelectMany(c =>
            c.Creators.Select(cr => new FlagScope(c.CampaignId, cr.CreatorId, null)).Prepend(new FlagScope(c.CampaignId, null, null)));
        foreach (var (scope, accounts) in _classifier.FlaggedAccounts([.. scopes.Concat(_flaggedPosts)], FlaggedAccountsPerScope))
        {
            if (accounts.Count > 0)
            {
                result.Delta.FlaggedAccounts[scope] = accounts;
            }
        }
    }

    /// <summary>Accounts kept per explanation list: more than a person reads, few enough to store often.</summary>
    public const int FlaggedAccountsPerScope = 50;

    /// <summary>Forgets a partition this worker no longer owns (a rebalance).</summary>
    public void Revoke(SourcePartition partition)
    {
        _positions.Remove(partition);
        _watermarks.Remove(partition);
        _deduplicators.Remove(partition);

        // Its waiting events are its new owner's to release: releasing them here too (the watermark rises as the slow
        // partition leaves) would judge and attribute them twice.
        TakeWaiting((item, _) => item.Record.Source == partition);
    }

    /// <summary>
    /// Removes the waiting events <paramref name="taken"/> selects (by event and event time) and returns them in release
    /// order; the rest keep waiting. Linear in the queue: for rebalances, not for every batch.
    /// </summary>
    private List<(StreamEvent Event, InboundRecord Record)> TakeWaiting(Func<(StreamEvent Event, InboundRecord Record), long, bool> taken)
    {
        var selected = new List<(StreamEvent Event, InboundRecord Record)>();
        var kept = new List<((StreamEvent Event, InboundRecord Record) Item, (long Ts, string EventId) Due)>(_pendingAttribution.Count);
        while (_pendingAttribution.TryDequeue(out var item, out var due))
        {
            if (taken(item, due.Ts))
            {
                selected.Add(item);
            }
            else
            {
                kept.Add((item, due));
            }
        }

        foreach (var (item, due) in kept)
        {
            _pendingAttribution.Enqueue(item, due);
        }

        return selected;
    }

    /// <summary>Conversions and chain updates waiting for the watermark to pass them.</summary>
    public int PendingAttribution => _pendingAttribution.Count;

    private void Close(long watermark, BatchResult result, long wallClockMs, bool release = true)
    {
        result.Delta.Watermark = watermark;
        if (watermark == long.MinValue)
        {
            return; // no event time yet: nothing can close, be released or expire (and "watermark − horizon" would overflow)
        }

        if (_restoring)
        {
            return;
        }

        if (release)
        {
            foreach (var partition in _positions.Keys)
            {
                result.Delta.ReleasedThrough[partition] = watermark;
            }

            ReleaseConversions(watermark, result);
        }

        _attributor.Evict(watermark);
        _windows.Advance(watermark, result.ClosedWindows);
        _spikes.Observe(result.ClosedWindows, watermark, wallClockMs, result.Alerts);
        _classifier.ReportIncidents(watermark, wallClockMs, result.Alerts);
        PublishFlags(result, wallClockMs); // before expiry: at the end of a replay the watermark passes every account
        _classifier.Expire(watermark);
        foreach (var deduplicator in _deduplicators.Values)
        {
            deduplicator.Evict(watermark);
        }
    }

    private void ProcessRecord(InboundRecord record, BatchResult result, long wallClockMs)
    {
        var decoded = _decoder.Decode(record.Value.Span, record.TypeHint);
        if (decoded.Event is not { } e)
        {
            var stage = decoded.Reason is DeadLetterReason.InvalidJson or DeadLetterReason.Oversize ? DeadLetterStage.Deserialize : DeadLetterStage.Validate;
            Reject(record, result, stage, decoded.Reason, decoded.Message ?? "");
            return;
        }

        // Measured from when the log took the record where it says (the same on a rebuild), else from the wall clock.
        if (_options.MaxFutureSkew is { } skew && (record.WrittenAtMs ?? wallClockMs) is var now && e.Ts > now + (long)skew.TotalMilliseconds)
        {
            Reject(record, result, DeadLetterStage.Validate, DeadLetterReason.TimestampOutOfRange, $"ts {e.Ts} is more than {skew} ahead of {(record.WrittenAtMs is null ? "the wall clock" : "the time it was written")} {now}");
            return;
        }

        if (CheckCampaign(e) is { } unknown)
        {
            Reject(record, result, DeadLetterStage.Validate, unknown.Reason, unknown.Message);
            return;
        }

        var watermark = _watermarks.Current;
        if (watermark != long.MinValue && e.Ts < watermark - (long)_options.AllowedLateness.TotalMilliseconds)
        {
            Reject(record, result, DeadLetterStage.Process, DeadLetterReason.Late, $"ts {e.Ts} is more than {_options.AllowedLateness} behind the watermark {watermark}");
            return;
        }

        var eventKey = EventIdKey.Of(e.EventId);
        if (!DeduplicatorFor(record.Source).TryAdd(eventKey, e.Ts))
        {
            result.Delta.Duplicates++;
            return;
        }

        _watermarks.Observe(record.Source, e.Ts, wallClockMs);
        result.Delta.Events++;

        // Released as the watermark moves, record by record, so what a conversion's credit sees does not depend on
        // where batches split.
        if (!_restoring)
        {
            ReleaseConversions(_watermarks.Current, result);
        }

        switch (e)
        {
            case AudienceEvent audience:
                Count(audience, result, watermark, wallClockMs);
                _attributor.Touch(audience, eventKey);
                _pendingAttribution.Enqueue((audience, record), (audience.Ts, audience.EventId));
                break;
            case Conversion conversion:
                _pendingAttribution.Enqueue((conversion, record), (conversion.Ts, conversion.EventId));
                break;
        }
    }

    private void ReleaseConversions(long watermark, BatchResult result)
    {
        while (_pendingAttribution.TryPeek(out var pending, out var due) && due.Ts <= watermark)
        {
            _pendingAttribution.Dequeue();
            Release(pending, result, watermark);
        }
    }

    private void Release((StreamEvent Event, InboundRecord Record) pending, BatchResult result, long watermark)
    {
        if (pending.Event is AudienceEvent touch)
        {
            _attributor.Chain(touch);
            Judge(touch, result, watermark);
        }
        else if (pending.Event is Conversion conversion)
        {
            var credited = new List<string>(1);
            if (_attributor.Convert(conversion, result.Delta.Attribution, credited) == ConversionOutcome.UnknownOrder)
            {
                Reject(pending.Record, result, DeadLetterStage.Process, DeadLetterReason.UnknownOrder, $"refund of order '{conversion.OrderId}', which was never seen");
                result.Delta.Events--; // counted on arrival; it turned out to be a dead letter
            }

            foreach (var campaignId in credited)
            {
                CountConversion(campaignId, conversion, result, watermark);
            }
        }
    }

    /// <summary>
    /// Counts a credited order into its campaign, to date and in the minute of the order (the trend's conversions per
    /// minute). Released at the watermark like a judged engagement, so its minute is still open unless it came late.
    /// </summary>
    private void CountConversion(string campaignId, Conversion conversion, BatchResult result, long watermark)
    {
        var single = new AggregateDelta();
        single.Counters.Conversions = 1;
        var bucket = AggregateKey.Campaign(campaignId, EventTime.BucketStart(conversion.Ts));
        result.Delta.For(AggregateKey.Campaign(campaignId)).Counters.Conversions++;
        result.Delta.For(bucket).Counters.Conversions++;
        if (_windows.IsClosed(bucket.BucketStart))
        {
            result.Delta.CorrectedBuckets.Add(bucket); // a late order: its minute was already published
        }

        _windows.Record(bucket, single, watermark, result.Delta.WallClockMs);
    }

    private void Count(AudienceEvent e, BatchResult result, long watermark, long wallClockMs)
    {
        // Authenticity is judged later, in event-time order, when the watermark passes the event (see Judge).
        const bool authentic = false;
        var userHash = e is Impression ? UserHash.Of(e.UserId) : 0;
        var format = (e as Impression)?.ContentFormat;
        var bucket = EventTime.BucketStart(e.Ts);

        Span<AggregateKey> keys =
        [
            AggregateKey.Campaign(e.CampaignId),
            AggregateKey.Creator(e.CampaignId, e.CreatorId),
            AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform),
            AggregateKey.Campaign(e.CampaignId, bucket),
            AggregateKey.Creator(e.CampaignId, e.CreatorId, bucket),
            AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, bucket),
        ];

        var single = new AggregateDelta();
        EventCounting.Count(ref single.Counters, e, authentic);
        single.Touch(e.Ts);
        if (e is Impression)
        {
            single.UserHashes.Add(userHash);
        }

        foreach (var key in keys)
        {
            var delta = result.Delta.For(key);
            EventCounting.Count(ref delta.Counters, e, authentic);
            delta.Touch(e.Ts);
            if (e is Impression)
            {
                delta.UserHashes.Add(userHash);
            }

            if (key.Scope == AggregateScope.Content)
            {
                delta.Format ??= format;
            }

            if (!key.IsToDate)
            {
                _windows.Record(key, single, watermark, wallClockMs);
                if (EventTime.BucketEnd(key.BucketStart) <= watermark)
                {
                    result.Delta.CorrectedBuckets.Add(key);
                }
            }
        }
    }

    /// <summary>
    /// Classifies an audience event once the watermark has passed it. The classifier sees events in (ts, event id)
    /// order, so its verdicts are the same live (many partitions interleaved) and in replay; an authentic engagement
    /// then counts into the authentic figures of its aggregates and bucket, before that bucket's window closes.
    /// </summary>
    private void Judge(AudienceEvent e, BatchResult result, long watermark)
    {
        if (!_classifier.Classify(e).IsAuthentic || e is not Engagement)
        {
            return;
        }

        var authentic = new AggregateDelta();
        authentic.Counters.AuthenticEngagements = 1;
        var bucket = EventTime.BucketStart(e.Ts);
        Span<AggregateKey> keys =
        [
            AggregateKey.Campaign(e.CampaignId),
            AggregateKey.Creator(e.CampaignId, e.CreatorId),
            AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform),
            AggregateKey.Campaign(e.CampaignId, bucket),
            AggregateKey.Creator(e.CampaignId, e.CreatorId, bucket),
            AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, bucket),
        ];
        foreach (var key in keys)
        {
            result.Delta.For(key).Counters.AuthenticEngagements++;
            // No correction mark here: a window closes only after the events it holds are released (its end is after
            // them), and an event that arrived late was marked on arrival.
            if (!key.IsToDate)
            {
                _windows.Record(key, authentic, watermark, result.Delta.WallClockMs);
            }
        }
    }

    private (DeadLetterReason Reason, string Message)? CheckCampaign(StreamEvent e)
    {
        switch (e)
        {
            case AudienceEvent a when !_catalog.TryGet(a.CampaignId, out _):
                return (DeadLetterReason.UnknownCampaign, $"campaign '{a.CampaignId}' is not configured");
            case AudienceEvent a when !_catalog.HasCreator(a.CampaignId, a.CreatorId):
                return (DeadLetterReason.UnknownCreator, $"creator '{a.CreatorId}' is not in campaign '{a.CampaignId}'");
            case Conversion { CampaignId: { } campaignId } when !_catalog.TryGet(campaignId, out _):
                return (DeadLetterReason.UnknownCampaign, $"campaign '{campaignId}' is not configured");
            case Conversion { CampaignId: null } c when !_brands.Contains(c.BrandId):
                return (DeadLetterReason.UnknownCampaign, $"brand '{c.BrandId}' has no configured campaign");
            default:
                return null;
        }
    }

    private Deduplicator DeduplicatorFor(SourcePartition partition)
    {
        if (!_deduplicators.TryGetValue(partition, out var deduplicator))
        {
            deduplicator = new Deduplicator(_options.DedupHorizon);
            _deduplicators.Add(partition, deduplicator);
        }

        return deduplicator;
    }

    private static void Reject(InboundRecord record, BatchResult result, DeadLetterStage stage, DeadLetterReason reason, string message)
    {
        result.DeadLetters.Add(new DeadLetter(record, stage, reason, message));
        result.Delta.CountDeadLetter(reason);
    }
}
