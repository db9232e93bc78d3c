namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Thresholds and weights of the <see cref="AuthenticityClassifier"/> (DESIGN.md section 5). Immutable. Each signal
/// adds a weight; weights combine as a noisy-OR (1 − Π(1 − wᵢ)) and an event is inauthentic at
/// <see cref="FlagThreshold"/> or above. Weights are set so that no single weak signal flags on its own (genuine
/// traffic has each of them now and then: lost impressions, new real users, carrier NAT, accidental taps) while
/// any two together do. Thresholds were chosen against the generator's ground truth and checked with
/// <c>AuthenticityMeasurementTests</c> (precision, recall and genuine false-positive rate per fake label).
/// Time values are event time in ms.
/// </summary>
public sealed record AuthenticityOptions
{
    /// <summary>Suspicion at or above which an event is inauthentic. Default 0.5: two weak signals, or one strong one.</summary>
    public double FlagThreshold { get; init; } = 0.5;

    /// <summary>Window of the per-user burst signal. Default 60 s.</summary>
    public long BurstWindowMs { get; init; } = 60_000;

    /// <summary>
    /// Engagements and clicks by one user within <see cref="BurstWindowMs"/> that make a burst (<c>burst</c>). Default 6:
    /// a genuine session yields at most two engagements and a click, so six in a minute is not one person reading.
    /// </summary>
    public int BurstCount { get; init; } = 6;

    /// <summary>Weight of <c>burst</c>. Default 0.45 (corroboration needed, but any second signal flags).</summary>
    public double BurstWeight { get; init; } = 0.45;

    /// <summary>Gaps needed before timing regularity is judged. Default 5 (six events).</summary>
    public int RegularMinGaps { get; init; } = 5;

    /// <summary>
    /// Coefficient of variation (std / mean) of a user's recent gaps under which timing is machine-regular
    /// (<c>regular_timing</c>). Default 0.15: human inter-arrival times are roughly exponential or log-normal
    /// (CV near 1); a script on a timer with small jitter stays well under 0.1.
    /// </summary>
    public double RegularMaxCv { get; init; } = 0.15;

    /// <summary>Only gaps within this much recent history are judged. Default 10 minutes.</summary>
    public long RegularHistoryMs { get; init; } = 600_000;

    /// <summary>Weight of <c>regular_timing</c>. Default 0.45.</summary>
    public double RegularWeight { get; init; } = 0.45;

    /// <summary>
    /// How long an impression is remembered for the <c>not_shown</c> check. Default 30 minutes: genuine engagement
    /// follows its impression within seconds (a session), and a post's attention halves in minutes.
    /// </summary>
    public long ImpressionRetentionMs { get; init; } = 1_800_000;

    /// <summary>Most impressions (user × post) remembered; the oldest go first. Default 1 000 000 (about 40 MB).</summary>
    public int MaxImpressions { get; init; } = 1_000_000;

    /// <summary>
    /// Weight of <c>not_shown</c> (engaged or clicked with no impression of that post by that user before). Default
    /// 0.35: about 2 % of genuine engagements lose their impression upstream (SDK gaps, blockers), so it never flags alone.
    /// </summary>
    public double NotShownWeight { get; init; } = 0.35;

    /// <summary>Window over which distinct users of an IP, a device or a pasted comment are counted. Default 10 minutes.</summary>
    public long SharedWindowMs { get; init; } = 600_000;

    /// <summary>
    /// Distinct engaging or clicking users on one <c>ip_hash</c> within <see cref="SharedWindowMs"/> that make it shared
    /// (<c>shared_ip</c>). Default 5: carrier-grade NAT puts a few real users behind one address, but engaging users
    /// on one carrier address in ten minutes average well under one at the generator's rates.
    /// </summary>
    public int SharedIpUsers { get; init; } = 5;

    /// <summary>Weight of <c>shared_ip</c>. Default 0.4.</summary>
    public double SharedIpWeight { get; init; } = 0.4;

    /// <summary>Distinct users on one <c>device_id</c> within <see cref="SharedWindowMs"/> that make it shared (<c>shared_device</c>). Default 3: a phone is one person's, two at a stretch.</summary>
    public int SharedDeviceUsers { get; init; } = 3;

    /// <summary>Weight of <c>shared_device</c>. Default 0.45.</summary>
    public double SharedDeviceWeight { get; init; } = 0.45;

    /// <summary>
    /// Accounts younger than this many days are new (<c>new_account</c>). Default 30: bought and farmed accounts are
    /// days or weeks old; about 3 % of real users are under a month too, hence the low weight.
    /// </summary>
    public int NewAccountDays { get; init; } = 30;

    /// <summary>Weight of <c>new_account</c>. Default 0.25.</summary>
    public double NewAccountWeight { get; init; } = 0.25;

    /// <summary>
    /// Clicks that leave in less than this are near-zero dwell (<c>zero_dwell</c>). Default 500 ms: scripted clicks
    /// leave within 300 ms; a person needs about a second to see the page. Accidental taps (a few percent of real
    /// clicks) start around 300 ms, hence corroboration is needed.
    /// </summary>
    public long ZeroDwellMs { get; init; } = 500;

    /// <summary>Weight of <c>zero_dwell</c>. Default 0.4.</summary>
    public double ZeroDwellWeight { get; init; } = 0.4;

    /// <summary>
    /// Distinct accounts posting the same normalized comment on one post within <see cref="SharedWindowMs"/> that make
    /// it copy-paste (<c>copy_paste_comment</c>). Default 5: short stock phrases recur among real viewers, so it needs
    /// a handful, and the weight is low.
    /// </summary>
    public int CopyPasteAccounts { get; init; } = 5;

    /// <summary>Weight of <c>copy_paste_comment</c>. Default 0.35.</summary>
    public double CopyPasteWeight { get; init; } = 0.35;

    /// <summary>How long a user's engaged posts are remembered for pod detection. Default 60 minutes (several waves).</summary>
    public long PodHistoryMs { get; init; } = 3_600_000;

    /// <summary>Two users engaged a post together when their first engagements on it are this close. Default 5 minutes (a pod wave lasts about four).</summary>
    public long PodTogetherMs { get; init; } = 300_000;

    /// <summary>
    /// Only engagement this soon after a post first appeared (its first event seen, impressions included) counts
    /// towards a pod. Default 5 minutes: pods engage as a post goes up (the generator's waves land 20 s to 4.5 min
    /// after publication), while genuine engagement spreads over the post's life (attention halving every few
    /// minutes), so a chance pair of loyal fans is rarely early on post after post.
    /// </summary>
    public long PodEarlyMs { get; init; } = 300_000;

    /// <summary>Earlier posts two users must have engaged together, besides this one, to be partners. Default 2.</summary>
    public int PodMinSharedPosts { get; init; } = 2;

    /// <summary>
    /// Partners (see <see cref="PodMinSharedPosts"/>) among this post's earlier engagers that make an engagement a
    /// pod's (<c>pod</c>). Default 3: a pod is a group, while two loyal fans of one creator can meet by chance.
    /// Measured on generated traffic (two seeds): 4 partners gave pod recall 61 % at a genuine FPR of 0.1–0.2 %,
    /// 3 gave 64–66 % at 0.2–0.4 %, 2 gave 67–68 % at 0.3–0.5 %; one shared post instead of two tripled recall's
    /// cost (FPR 7–10 %).
    /// </summary>
    public int PodMinPartners { get; init; } = 3;

    /// <summary>
    /// Weight of <c>pod</c>. Default 0.7: pod members are real accounts, so nothing else gives them away and it must
    /// flag alone; above 0.5 × (1 / <see cref="PriorCarry"/>) the carried suspicion also flags a member's next
    /// engagements for about ten minutes, which catches the first members of the next wave (before partners arrive).
    /// </summary>
    public double PodWeight { get; init; } = 0.7;

    /// <summary>Half-life of a user's suspicion, in event time. Default 30 minutes.</summary>
    public long SuspicionHalfLifeMs { get; init; } = 1_800_000;

    /// <summary>
    /// Share of a user's decayed suspicion carried onto their next event (<c>suspicious_account</c> when it decides).
    /// Default 0.9: a flagged account's next events stay flagged for a while, but one near-miss does not.
    /// </summary>
    public double PriorCarry { get; init; } = 0.9;

    /// <summary>A user unseen for this long is forgotten. Default 60 minutes (covers <see cref="PodHistoryMs"/>).</summary>
    public long UserRetentionMs { get; init; } = 3_600_000;

    /// <summary>Most users tracked; the least recently seen go first. Default 500 000.</summary>
    public int MaxUsers { get; init; } = 500_000;

    /// <summary>Most IPs, devices and comment texts tracked (each). Default 200 000.</summary>
    public int MaxIdentifiers { get; init; } = 200_000;

    /// <summary>Most distinct users remembered per IP, device or comment text. Default 64 (thresholds are far below).</summary>
    public int MaxUsersPerIdentifier { get; init; } = 64;

    /// <summary>Most posts tracked; the least recently seen go first. Default 50 000.</summary>
    public int MaxPosts { get; init; } = 50_000;

    /// <summary>A post unseen for this long is forgotten (its counts and engagers). Default 60 minutes.</summary>
    public long PostRetentionMs { get; init; } = 3_600_000;

    /// <summary>Engagers remembered per post for pod detection. Default 500 (pods engage early, within minutes of publication).</summary>
    public int MaxEngagersPerPost { get; init; } = 500;

    /// <summary>Posts remembered per user for pod detection. Default 32.</summary>
    public int MaxPostsPerUser { get; init; } = 32;

    /// <summary>An incident ends after this long without a suspicious event on the post. Default 5 minutes.</summary>
    public long IncidentGapMs { get; init; } = 300_000;

    /// <summary>An incident longer than this is closed and the next suspicious event starts another. Default 60 minutes (bounds the per-minute counts kept).</summary>
    public long MaxIncidentMs { get; init; } = 3_600_000;

    /// <summary>
    /// Fewest suspicious engagements and clicks for an incident to alert. Default 20: a handful of flagged events is
    /// the classifier's own noise (about 1 % of genuine traffic), not something to wake a campaign manager for.
    /// </summary>
    public int AlertMinSuspicious { get; init; } = 20;

    /// <summary>Smallest share of the post's engagements and clicks in the incident window that are suspicious, to alert. Default 0.2.</summary>
    public double AlertMinShare { get; init; } = 0.2;

    /// <summary>Reason codes listed in an alert's <c>top_reasons</c>. Default 3.</summary>
    public int TopReasons { get; init; } = 3;

    public static AuthenticityOptions Default { get; } = new();
}
