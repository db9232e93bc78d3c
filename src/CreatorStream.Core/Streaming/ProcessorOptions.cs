namespace CreatorStream.Core.Streaming;

/// <summary>Event-time settings of the processor (docs/design.md, "Event time"). Immutable.</summary>
public sealed record ProcessorOptions
{
    /// <summary>How far a partition's watermark trails its newest event. Default 5 s.</summary>
    public TimeSpan WatermarkDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How late an event may be and still correct its bucket; later ones are dead letters. Default 1 h.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an <c>event_id</c> is remembered for deduplication, in event time. Default 24 h.</summary>
    public TimeSpan DedupHorizon { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How far behind the watermark <c>event_id</c>s are held exactly; older ones are held in per-hour filters for the rest
    /// of <see cref="DedupHorizon"/> (decision 0014). Null: the allowed lateness plus 15 minutes (every copy a partition
    /// keeping up can deliver on time is judged exactly), at most the horizon. See <see cref="DedupExact"/>.
    /// </summary>
    public TimeSpan? DedupExactSpan { get; init; }

    /// <summary>The exact tier's span in effect: <see cref="DedupExactSpan"/>, else the allowed lateness plus 15 minutes, at most the horizon.</summary>
    public TimeSpan DedupExact => DedupExactSpan ?? TimeSpan.FromTicks(Math.Min((AllowedLateness + TimeSpan.FromMinutes(15)).Ticks, DedupHorizon.Ticks));

    /// <summary>
    /// A partition with no records for this long (wall clock) stops holding the watermark back, so one quiet
    /// partition cannot stall every window. Null disables it (replay, where input is finite). Default 30 s.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds a record must respect to be decoded (size, string lengths, absolute event-time range). Default <see cref="Decoding.DecoderLimits.Default"/>.</summary>
    public Decoding.DecoderLimits Limits { get; init; } = Decoding.DecoderLimits.Default;

    /// <summary>
    /// How far an event's <c>ts</c> may be ahead of when its record was written to the log
    /// (<see cref="InboundRecord.WrittenAtMs"/>, else the batch's wall clock); beyond it the event is a dead letter
    /// (<c>TIMESTAMP_OUT_OF_RANGE</c>), since one far-future event would drag the watermark forward and make every later
    /// valid event late. Null disables the check: the default here, because replay and hand-built batches have no
    /// meaningful wall clock (decision 0008); the live verbs set it from <c>--max-future-skew-ms</c> (15 min).
    /// </summary>
    public TimeSpan? MaxFutureSkew { get; init; }

    /// <summary>Authenticity signal thresholds (see <see cref="Authenticity.AuthenticityOptions"/>).</summary>
    public Authenticity.AuthenticityOptions Authenticity { get; init; } = Core.Authenticity.AuthenticityOptions.Default;

    /// <summary>How often flagged-account lists are published to the state store (wall clock). Default 10 s.</summary>
    public TimeSpan FlagsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Engagement spike and drop thresholds.</summary>
    public Spikes.SpikeOptions Spikes { get; init; } = Core.Spikes.SpikeOptions.Default;

    /// <summary>When a post's comments turn negative (docs/design.md, "Content").</summary>
    public Spikes.SentimentSpikeOptions SentimentSpikes { get; init; } = Core.Spikes.SentimentSpikeOptions.Default;

    public static ProcessorOptions Default { get; } = new();
}
