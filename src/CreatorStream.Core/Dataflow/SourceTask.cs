using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Stage 1 of the dataflow (docs/design.md, "Dataflow"): one task per ingest partition. It decodes and validates each
/// record, dead-letters what is malformed, unknown, too far in the future or later than the allowed lateness, and routes
/// every valid event to the brand partition that owns it, whatever partitioner the producer used (or none). Lateness is
/// judged against this partition's own watermark (newest event time − delay), so it is a property of the record's place
/// in its log: the same whichever worker reads it, however often. The task's only state is that newest event time,
/// committed with its offset. Deterministic for a given log; mutable; not thread-safe (one thread per task).
/// </summary>
public sealed class SourceTask
{
    private readonly CampaignCatalog _catalog;
    private readonly BrandRouter _router;
    private readonly ProcessorOptions _options;
    private readonly EventDecoder _decoder;
    private readonly HashSet<string> _brands;
    private long _lastRecordAtMs;

    public SourceTask(SourcePartition partition, CampaignCatalog catalog, BrandRouter router, ProcessorOptions options, EventDecoder decoder, long wallClockMs)
    {
        Partition = partition;
        _catalog = catalog;
        _router = router;
        _options = options;
        _decoder = decoder;
        _brands = catalog.Campaigns.Select(c => c.BrandId).ToHashSet(StringComparer.Ordinal);
        _lastRecordAtMs = wallClockMs;
    }

    public SourcePartition Partition { get; }

    /// <summary>The newest event time accepted from this partition (<see cref="long.MinValue"/> before any).</summary>
    public long MaxTs { get; private set; } = long.MinValue;

    /// <summary>This partition's watermark: <see cref="MaxTs"/> minus the delay.</summary>
    public long Watermark => MaxTs == long.MinValue ? long.MinValue : MaxTs - (long)_options.WatermarkDelay.TotalMilliseconds;

    /// <summary>Takes up where a checkpoint left the partition (its newest event time); the idle clock starts again.</summary>
    public void Restore(long maxTs, long wallClockMs)
    {
        MaxTs = maxTs;
        _lastRecordAtMs = wallClockMs;
    }

    /// <summary>Decodes, validates and routes one record; its offset becomes the partition's position.</summary>
    public void Route(InboundRecord record, long wallClockMs, SourceOutput output) =>
        Route(record, _decoder.Decode(record.Value.Span, record.TypeHint), wallClockMs, output);

    /// <summary>As <see cref="Route(InboundRecord, long, SourceOutput)"/>, with the record already decoded (decoding is pure, so it may run ahead on other threads).</summary>
    public void Route(InboundRecord record, DecodeResult decoded, long wallClockMs, SourceOutput output)
    {
        _lastRecordAtMs = wallClockMs;
        output.NextOffsets[Partition] = record.Offset + 1;
        if (decoded.Event is not { } e)
        {
            var stage = decoded.Reason is DeadLetterReason.InvalidJson or DeadLetterReason.Oversize ? DeadLetterStage.Deserialize : DeadLetterStage.Validate;
            Reject(record, output, stage, decoded.Reason, decoded.Message ?? "");
            return;
        }

        // Measured from when the log took the record (the same on every read), else from the wall clock.
        if (_options.MaxFutureSkew is { } skew && (record.WrittenAtMs ?? wallClockMs) is var now && e.Ts > now + (long)skew.TotalMilliseconds)
        {
            Reject(record, output, DeadLetterStage.Validate, DeadLetterReason.TimestampOutOfRange, $"ts {e.Ts} is more than {skew} ahead of {(record.WrittenAtMs is null ? "the wall clock" : "the time it was written")} {now}");
            return;
        }

        if (CheckCampaign(e) is { } unknown)
        {
            Reject(record, output, DeadLetterStage.Validate, unknown.Reason, unknown.Message);
            return;
        }

        var watermark = Watermark;
        if (watermark != long.MinValue && e.Ts < watermark - (long)_options.AllowedLateness.TotalMilliseconds)
        {
            Reject(record, output, DeadLetterStage.Process, DeadLetterReason.Late, $"ts {e.Ts} is more than {_options.AllowedLateness} behind the watermark {watermark} of {Partition}");
            return;
        }

        MaxTs = Math.Max(MaxTs, e.Ts);
        output.ByPartition[_router.PartitionOf(_router.BrandOf(e)!)].Add(BrandInput.Event(record, e));
    }

    /// <summary>
    /// This partition's progress for the brand tasks: idle once it has had no record for the idle timeout, unless the edge
    /// reports it <paramref name="behind"/> (its log may hold records not yet delivered: silence from a fault, not idleness).
    /// </summary>
    public SourceMark Mark(long position, long wallClockMs, bool behind = false) =>
        new(Partition, position, Watermark, !behind && IdleAt(wallClockMs));

    /// <summary>Whether every one of <paramref name="tasks"/> would mark itself idle now (none reported behind); false for none.</summary>
    public static bool AllIdle(IEnumerable<SourceTask> tasks, long wallClockMs, IReadOnlySet<SourcePartition> behind)
    {
        var any = false;
        foreach (var task in tasks)
        {
            if (behind.Contains(task.Partition) || !task.IdleAt(wallClockMs))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// The stream resumed after every partition went idle (docs/design.md, "Event time"): each partition gets the idle
    /// timeout again, so the first partition back does not move event time past its peers, whose first records of the
    /// resumed stream may come a batch later. Called with every task of the worker when a batch after an all-idle spell
    /// (<see cref="AllIdle"/> before it) has records.
    /// </summary>
    public static void GiveIdleTimeoutAgain(IEnumerable<SourceTask> tasks, long wallClockMs)
    {
        foreach (var task in tasks)
        {
            task._lastRecordAtMs = Math.Max(task._lastRecordAtMs, wallClockMs);
        }
    }

    private bool IdleAt(long wallClockMs) => _options.IdleTimeout is { } idle && wallClockMs - _lastRecordAtMs > idle.TotalMilliseconds;

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
            case Conversion { CampaignId: { } campaignId } c when _catalog.TryGet(campaignId, out var campaign) && campaign.BrandId != c.BrandId:
                return (DeadLetterReason.UnknownCampaign, $"campaign '{campaignId}' belongs to brand '{campaign.BrandId}', not '{c.BrandId}'");
            case Conversion { CampaignId: null } c when !_brands.Contains(c.BrandId):
                return (DeadLetterReason.UnknownCampaign, $"brand '{c.BrandId}' has no configured campaign");
            case LeadUpdate u when !_brands.Contains(u.BrandId):
                return (DeadLetterReason.UnknownCampaign, $"brand '{u.BrandId}' has no configured campaign");
            case SiteSession s when !_brands.Contains(s.BrandId):
                return (DeadLetterReason.UnknownCampaign, $"brand '{s.BrandId}' has no configured campaign");
            case PostEvent p when !_catalog.TryGet(p.CampaignId, out _):
                return (DeadLetterReason.UnknownCampaign, $"campaign '{p.CampaignId}' is not configured");
            case PostEvent p when !_catalog.HasCreator(p.CampaignId, p.CreatorId):
                return (DeadLetterReason.UnknownCreator, $"creator '{p.CreatorId}' is not in campaign '{p.CampaignId}'");
            case Insight i when !_catalog.TryGet(i.CampaignId, out _):
                return (DeadLetterReason.UnknownCampaign, $"campaign '{i.CampaignId}' is not configured");
            case Insight i when !_catalog.HasCreator(i.CampaignId, i.CreatorId):
                return (DeadLetterReason.UnknownCreator, $"creator '{i.CreatorId}' is not in campaign '{i.CampaignId}'");
            default:
                return null;
        }
    }

    private static void Reject(InboundRecord record, SourceOutput output, DeadLetterStage stage, DeadLetterReason reason, string message)
    {
        output.DeadLetters.Add(new DeadLetter(record, stage, reason, message));
        output.CountDeadLetter(reason);
    }
}
