namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Thresholds and weights of the <see cref="AuthenticityClassifier"/> (docs/design.md, "Authenticity"). Immutable. Each signal
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

    /// <summary>
    /// How long a user's engaged posts are remembered for pod detection. Default 6 hours: real creators post hours
    /// apart, so a pod's waves are too. Measured on a generated day at a real pace (a post every 3 hours per creator,
    /// 10 events/s): with 60 minutes (and users and posts forgotten after an hour) pod recall was 69–73 % (seeds 1–5);
    /// with 6 hours 92.5–94.6 % at a genuine FPR of 0.04–0.08 % (seeds 1–10, 30-minute marks); 24 hours measured the
    /// same as 6 within 0.6 points (seeds 1–5, 3-hour marks).
    /// </summary>
    public long PodHistoryMs { get; init; } = 21_600_000;

    /// <summary>Two users engaged a post together when their first engagements on it are this close. Default 5 minutes (a pod wave lasts about four).</summary>
    public long PodTogetherMs { get; init; } = 300_000;

    /// <summary>
    /// Only engagement this soon after a post first appeared (its first event seen, impressions included) counts
    /// towards a pod. Default 5 minutes: pods engage as a post goes up (the generator's waves land 20 s to 4.5 min
    /// after publication), while genuine engagement spreads over the post's life (attention halving every few
    /// minutes), so a chance pair of loyal fans is rarely early on post after post.
    /// </summary>
    public long PodEarlyMs { get; init; } = 300_000;

    /// <summary>
    /// Partners needed for <c>pod</c> on one other post: accounts that engaged this post and another post early
    /// together with the user (each time within <see cref="PodTogetherMs"/>), all of them focused
    /// (<see cref="PodMinFocus"/>). Default 1, because the lift test (<see cref="PodMinLift"/>) does the real work: on
    /// small posts one shared partner is already far beyond chance, on big ones it takes many. Measured on generated
    /// traffic (seeds 1, 7, 2, 3): 2 partners lost 0.7 points of pod recall on seed 1 and saved at most one false
    /// positive.
    /// </summary>
    public int PodMinPartners { get; init; } = 1;

    /// <summary>
    /// Partners needed for <c>pod</c> on a pair of other posts (with the user on both). Chance of that is the product
    /// of two posts' odds, so it recognises a pod on popular posts, where one shared post proves nothing. Default 3:
    /// measured (seeds 1, 7, 2, 3), pairs raise pod recall where pods do not comment (seed 2 without
    /// <c>pod_comment</c>: 65.5 % to 75.9 %) and cost 9 genuine false positives in 15,000 on seed 1 (FPR 0.08 % to
    /// 0.14 %), none on the others; 2 partners cost 18, 4 partners 6.
    /// </summary>
    public int PodMinPairPartners { get; init; } = 3;

    /// <summary>
    /// How many times more partners than chance <c>pod</c> needs. Chance is the overlap of the two posts' early
    /// audiences if early engagers were drawn at random from everyone engaging (accounts seen engaging or clicking
    /// within <see cref="UserRetentionMs"/>): |early(this)| × |early(that)| / accounts. Default 8: heavy viewers make
    /// real overlaps larger than that estimate (a popular creator's early audiences share dozens of fans), so only a
    /// large lift is evidence. Measured (seeds 1, 7, 2, 3): no lift test gave a genuine FPR of 2.4–5.6 %, lift 4
    /// 0.09–0.23 %, lift 8 0.07–0.14 %, lift 16 0.05–0.11 % at about a point less pod recall.
    /// </summary>
    public double PodMinLift { get; init; } = 8;

    /// <summary>
    /// Smallest focus of a pod account: of the recent posts it was shown by the creators whose posts it engaged
    /// early, the share it engaged. Default 1 (every one): pod members engage every post of their pod's creators,
    /// that is the deal; fans pick and choose (genuine engagement is a few percent of what people are shown).
    /// Measured (seeds 1, 7, 2, 3): 0.75 let through up to three times as many false positives (seed 3: genuine FPR
    /// 0.22 % against 0.07 %), no focus test gave 0.43–0.70 %.
    /// </summary>
    public double PodMinFocus { get; init; } = 1.0;

    /// <summary>
    /// How long an account found in a pod (by <c>pod</c>, as a partner, or by a group of pod comments) stays marked:
    /// while marked, its early engagements are the pod's, so the first members on a pod's next post are recognised
    /// before their partners arrive. Default 30 minutes. Measured on seeds 1–10 (session 6): at a real posting pace
    /// (a post every 3 hours) pods are caught at 92.5–94.6 % with 30 minutes, 94.6–95.2 % with an hour and
    /// 96.8–97.4 % with 3 hours; at the generator's compressed pace (100-minute runs) the genuine FPR is 0.21–0.47 %,
    /// 0.22–0.54 % and 0.23–0.55 %: a fan marked with genuine praisers stays flagged for as long, so only 30 minutes
    /// keeps the FPR under 0.5 % at both paces. Without marks pod recall drops 0.3–1.5 points (seeds 1, 7, 2, 3).
    /// </summary>
    public long PodMemberMs { get; init; } = 1_800_000;

    /// <summary>
    /// Weight of <c>pod</c>. Default 0.7: pod members are real accounts, so nothing else gives them away and it must
    /// flag alone; above 0.5 × (1 / <see cref="PriorCarry"/>) the carried suspicion also flags a member's next
    /// engagements for about ten minutes.
    /// </summary>
    public double PodWeight { get; init; } = 0.7;

    /// <summary>
    /// A comment is a pod's (<c>pod_comment</c>) only within this long after the same account's first engagement
    /// with the post. Default 60 s: pod members like and then praise within seconds (the generator: 5–30 s).
    /// </summary>
    public long PodCommentAfterMs { get; init; } = 60_000;

    /// <summary>
    /// Accounts (this one included) that must have left a pod comment on the post for <c>pod_comment</c> to fire.
    /// Default 1: a pod's first wave has no history to recognise it by, so the first praiser must count. It has a
    /// cost, measured since the generator's genuine comments include generic praise (30 %, docs/benchmarks.md):
    /// seeds 1–10, 2 instead of 1 cut the genuine FPR by 0.08–0.16 points (to 0.11–0.35 %) but lost 1.2–3.4 points of
    /// pod recall (85.0–90.5 % against 88.1–92.0 %); 3 lost a point more. A real fan who likes a new post and writes
    /// "love this" within a minute is flagged (and its next few minutes carry the suspicion): 13–36 such
    /// engagements per 12,600–15,000 genuine ones on those seeds.
    /// </summary>
    public int PodCommentMinAccounts { get; init; } = 1;

    /// <summary>
    /// Accounts that must have left a pod comment on one post before all of them are marked as pod members
    /// (<see cref="PodMemberMs"/>). Default 3: one account praising is a fan or a pod, several together are a group.
    /// Real fans praise too (a popular post draws up to five such fans in its first minutes in the generator's
    /// traffic), and with 2 a pair of them, or a fan praising among a pod, was marked and flagged on its next posts:
    /// measured (seeds 1–10), 3 instead of 2 removed 1–4 genuine false positives per seed at the same pod recall; 4 no
    /// more; no marks at all lost up to 3.9 points of pod recall (seed 10).
    /// </summary>
    public int PodCommentGroup { get; init; } = 3;

    /// <summary>
    /// Most pod commenters on one post: beyond this it is a crowd, not a pod, and the comment signal stops for the
    /// post. Default 30: a pod coordinated in one chat is a few dozen accounts at most (the generator's have 8–14),
    /// while a post that goes viral draws hundreds of fans, some of them praising in generic words.
    /// </summary>
    public int PodMaxGroup { get; init; } = 30;

    /// <summary>
    /// Weight of <c>pod_comment</c>. Default 0.6: it flags alone (pod members have no other tell on their first
    /// post), and carried (× <see cref="PriorCarry"/>) it still flags the account's next engagements for about three
    /// minutes, such as the save after its comment.
    /// </summary>
    public double PodCommentWeight { get; init; } = 0.6;

    /// <summary>Half-life of a user's suspicion, in event time. Default 30 minutes.</summary>
    public long SuspicionHalfLifeMs { get; init; } = 1_800_000;

    /// <summary>
    /// Share of a user's decayed suspicion carried onto their next event (<c>suspicious_account</c> when it decides).
    /// Default 0.9: a flagged account's next events stay flagged for a while, but one near-miss does not.
    /// </summary>
    public double PriorCarry { get; init; } = 0.9;

    /// <summary>
    /// A user unseen for this long is forgotten. Default 6 hours (covers <see cref="PodHistoryMs"/>: a pod member's
    /// history is only as long as the member is remembered). <see cref="MaxUsers"/> bounds the memory either way.
    /// </summary>
    public long UserRetentionMs { get; init; } = 21_600_000;

    /// <summary>Most users tracked; the least recently seen go first. Default 500 000.</summary>
    public int MaxUsers { get; init; } = 500_000;

    /// <summary>Most IPs, devices and comment texts tracked (each). Default 200 000.</summary>
    public int MaxIdentifiers { get; init; } = 200_000;

    /// <summary>Most distinct users remembered per IP, device or comment text. Default 64 (thresholds are far below).</summary>
    public int MaxUsersPerIdentifier { get; init; } = 64;

    /// <summary>Most posts tracked; the least recently seen go first. Default 50 000.</summary>
    public int MaxPosts { get; init; } = 50_000;

    /// <summary>A post unseen for this long is forgotten (its counts and engagers). Default 6 hours (as <see cref="PodHistoryMs"/>).</summary>
    public long PostRetentionMs { get; init; } = 21_600_000;

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
