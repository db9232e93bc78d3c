namespace CreatorStream.Simulation;

/// <summary>
/// Settings of the <see cref="TrafficGenerator"/>. Immutable. Only <see cref="StartMs"/> is required: the generator
/// never reads the clock, so the same options always give the same records, byte for byte.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Seed of every random choice, the configuration included. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Event time of the first event, in ms since the Unix epoch (UTC). No event is earlier. Required.</summary>
    public required long StartMs { get; init; }

    /// <summary>
    /// Average event-time intensity of genuine traffic (events per second of event time; viral surges included,
    /// fakes, duplicates and malformed records on top). Default 200.
    /// </summary>
    public double EventsPerSecond { get; init; } = 200;

    /// <summary>Records to produce in total, every kind counted; the sequence ends there. Default 100 000.</summary>
    public long MaxEvents { get; init; } = 100_000;

    /// <summary>
    /// A creator's posting cycle: three posts per cycle, each post's attention decaying over a quarter of it. Default
    /// null: the run's length clamped to 10–60 minutes, so a short demo shows several posts per creator (a post every
    /// 3–20 minutes). Set it in hours to simulate a real creator's pace (posts hours apart).
    /// </summary>
    public TimeSpan? PostCycle { get; init; }

    /// <summary>
    /// Whether every creator keeps an equal share of the sessions however long ago they posted, as a running campaign's
    /// audiences keep coming back between posts; a creator's posts still share it by their attention, so a new post
    /// takes over from the last. For a live demo (<c>creatorstream run</c> sets it), where otherwise a campaign's figures
    /// fall by several times for minutes while other creators' posts are newer. Default false: posts compete for
    /// attention across creators and campaigns, and every seed keeps the bytes it had.
    /// </summary>
    public bool SteadyAudiences { get; init; }

    /// <summary>Campaigns in <see cref="TrafficGenerator.Campaigns"/>. Default 3.</summary>
    public int Campaigns { get; init; } = 3;

    /// <summary>
    /// Brands the campaigns belong to, dealt round-robin, so with more campaigns than brands a brand runs two
    /// (conversions without a <c>campaign_id</c> are then scoped by brand). At most <see cref="Campaigns"/>. Default 2.
    /// </summary>
    public int Brands { get; init; } = 2;

    /// <summary>Creators paid by each campaign. Default 6.</summary>
    public int CreatorsPerCampaign { get; init; } = 6;

    /// <summary>
    /// Audience pool of one campaign. Creators of a campaign share it (each with a core audience of a third of it),
    /// neighbouring campaigns share 40 % of theirs, and users are the same across platforms, so reach has real
    /// overlap to deduplicate. Viral surges also bring users from outside every pool. Default 5 000: with the
    /// default rate and length a pool user is shown a campaign's posts about six times.
    /// </summary>
    public int UsersPerCampaign { get; init; } = 5_000;

    /// <summary>Fraction of records that re-send a recent record verbatim (same bytes, same <c>event_id</c>). Default 0.002.</summary>
    public double DuplicateRate { get; init; } = 0.002;

    /// <summary>
    /// Fraction of records that are garbage: truncated JSON, wrong types, an unknown platform or kind, a missing
    /// field, not a JSON object at all, or an unknown campaign (which decodes but fails validation). Default 0.001.
    /// </summary>
    public double MalformedRate { get; init; } = 0.001;

    /// <summary>
    /// Fraction of records that are late: an impression, engagement or click that arrives two hours after its
    /// event time, past the 1 h allowed lateness. A late event is held back two hours of event time, so none
    /// appears in the first two hours of a run. Default 0.
    /// </summary>
    public double LateRate { get; init; } = 0.0;

    /// <summary>
    /// Largest disorder, in ms: an on-time event's timestamp is less than this behind the newest one sent before
    /// it. Keep it below the 5 s watermark delay so disorder is not lateness. Default 2 000.
    /// </summary>
    public double OutOfOrderMs { get; init; } = 2_000;

    /// <summary>Whether to add labelled fake traffic (bot farms, pods, bought likes, click floods). Default true.</summary>
    public bool Fakes { get; init; } = true;

    /// <summary>
    /// Whether the brands' sites report sessions for genuine clicks (<see cref="SiteVisits"/>). Default false: sessions
    /// came after detectors were tuned on the generator's streams, and are many (about four in five genuine clicks), so
    /// with them a run's fixed event count ends earlier; `generate` and `run` turn them on.
    /// </summary>
    public bool SiteSessions { get; init; }

    /// <summary>
    /// Whether creators' posts are reported on the posts topic, and the campaigns list what each creator owes
    /// (<see cref="PostReports"/>). Default false, as <see cref="SiteSessions"/>: a run's fixed event count would end
    /// earlier; `generate` and `run` turn them on.
    /// </summary>
    public bool PostReports { get; init; }
}
