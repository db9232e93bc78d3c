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
    /// How long an impression is remembered for the <c>not_shown</c> check and the group window's exposure. Default 2
    /// hours: most engagement follows its impression within seconds, but a viewer of a live stream chats for as long as it
    /// runs, and a follower may come back to a post it saw an hour before (with 30 minutes, a stream's later chat counted
    /// as never shown: found on adversary seed 118, decision 0012). <see cref="MaxImpressions"/> bounds the memory.
    /// </summary>
    public long ImpressionRetentionMs { get; init; } = 7_200_000;

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

    /// <summary>
    /// Weight of <c>new_account</c>. Default 0.2: with <c>not_shown</c> (a lost impression) it stays under the flag
    /// threshold (1 − 0.65 × 0.8 = 0.48), so a real newcomer whose impression went missing is not flagged for those two alone.
    /// </summary>
    public double NewAccountWeight { get; init; } = 0.2;

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
    /// How long an account's engaged posts are remembered (who comes back to a post, who works a ring's posts). Default 6
    /// hours: real creators post hours apart, so a pod's waves and a ring's rounds are too. Measured in session 6 on a
    /// generated day at a real pace (a post every 3 hours per creator): with an hour, pods were forgotten between waves.
    /// </summary>
    public long PodHistoryMs { get; init; } = 21_600_000;

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

    /// <summary>Early engagers remembered per post for the ring signal. Default 500 (rings engage early, within minutes of publication).</summary>
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

    /// <summary>
    /// How far behind the watermark an event is judged: its verdict then sees its group (the engagers, texts and partners
    /// of the minutes around it), and authentic figures, spikes and incidents follow the judged frontier. Default 90 s: a
    /// pod wave or a bought batch shows as a group within a minute or two. Events not yet judged are "awaiting judgement".
    /// </summary>
    public long JudgeLagMs { get; init; } = 90_000;

    /// <summary>The group window around an event: its post's engagements from this long before it to the judge lag after it. Default 10 minutes.</summary>
    public long GroupWindowMs { get; init; } = 600_000;

    /// <summary>
    /// How far back a group found in the window reaches for its members (whose engagements are then revised): a batch
    /// delivered over a quarter of an hour is one batch. Default 30 minutes; the posts' windows are kept this long.
    /// </summary>
    public long GroupReachMs { get; init; } = 1_800_000;

    /// <summary>Longest gap between consecutive members of one group on a post: a batch arrives as one run. Default 3 minutes, the tuner's choice on training seeds (decision 0012).</summary>
    public long MemberGapMs { get; init; } = 180_000;

    // exposure_gap

    /// <summary>
    /// Fewest engagements in the group window from accounts never shown the post and new to its creator, for
    /// <c>exposure_gap</c>. Default 12: a handful of lost impressions happen on any busy post.
    /// </summary>
    public int ExposureGapMin { get; init; } = 12;

    /// <summary>
    /// Smallest share of the window's engagements that they must be, for <c>exposure_gap</c>. Default 0.15, the tuner's
    /// choice on training seeds (decision 0012; genuine traffic loses about one impression in twenty).
    /// </summary>
    public double ExposureGapShare { get; init; } = 0.15;

    /// <summary>Weight of <c>exposure_gap</c>. Default 0.6: it flags alone (it is a group's evidence, not one account's).</summary>
    public double ExposureGapWeight { get; init; } = 0.6;

    // template_wave

    /// <summary>Fewest distinct accounts with a near-identical comment on the post within the group window, for <c>template_wave</c>. Default 6.</summary>
    public int TemplateMinAccounts { get; init; } = 6;

    /// <summary>Smallest share of the window's distinct commenters that the template's accounts must be, for <c>template_wave</c>. Default 0.4.</summary>
    public double TemplateMinShare { get; init; } = 0.4;

    /// <summary>
    /// Estimated Jaccard similarity (MinHash of character trigrams) at which two comments count as the same template.
    /// Default 0.7: the same words with small edits (case, punctuation and emoji are gone before the print is taken).
    /// </summary>
    public double TemplateSimilarity { get; init; } = 0.7;

    /// <summary>Fewest characters of normalized text for a comment to be a near-duplicate template: "me!", "lol" and "🔥" are everyone's (shorter ones must be exact copies). Default 6.</summary>
    public int TemplateMinChars { get; init; } = 6;

    /// <summary>Weight of <c>template_wave</c>. Default 0.6.</summary>
    public double TemplateWeight { get; init; } = 0.6;

    // pod (a returning wave)

    /// <summary>A comment on a post the account first engaged at least this long before is returning (a pod's next wave). Default 10 minutes.</summary>
    public long ReturnGapMs { get; init; } = 600_000;

    /// <summary>The window of the returning <c>pod</c> signal: a pod's next wave comes back within minutes, not over the post's life. Default 3 minutes.</summary>
    public long ReturnWindowMs { get; init; } = 180_000;

    /// <summary>Fewest returning commenters in the return window, for <c>pod</c>. Default 5.</summary>
    public int ReturnMinAccounts { get; init; } = 5;

    /// <summary>Smallest share of the accounts engaging the post within the return window that they must be, for <c>pod</c>. Default 0.4.</summary>
    public double ReturnMinShare { get; init; } = 0.4;

    /// <summary>Weight of <c>pod</c>. Default 0.7: pod members are real accounts, so nothing else gives them away and it must flag alone.</summary>
    public double PodWeight { get; init; } = 0.7;

    // praise_wave

    /// <summary>Fewest accounts new to the creator leaving only a generic comment on the post within the group window, for <c>praise_wave</c>. Default 8.</summary>
    public int PraiseWaveMin { get; init; } = 8;

    /// <summary>Smallest share of the window's commenters that they must be, for <c>praise_wave</c>. Default 0.35, the tuner's choice on training seeds (decision 0012).</summary>
    public double PraiseWaveShare { get; init; } = 0.35;

    /// <summary>
    /// Smallest share of the showings of the post to newcomers within the group window that the praisers must be, for
    /// <c>praise_wave</c>. Default 0.3: accounts delivered to comment are most of the newcomers shown the post; a real
    /// crowd is mostly viewers (organic comment rates are a few percent of views).
    /// </summary>
    public double PraiseWaveViewShare { get; init; } = 0.3;

    /// <summary>Weight of <c>praise_wave</c>. Default 0.6.</summary>
    public double PraiseWaveWeight { get; init; } = 0.6;

    // pod_ring

    /// <summary>An engagement this soon after its post appeared is early, for the ring signal. Default 30 minutes (rings work a post in its first minutes).</summary>
    public long RingEarlyMs { get; init; } = 1_800_000;

    /// <summary>Early posts a ring partner shares with the account, for <c>pod_ring</c>. Default 3.</summary>
    public int RingMinShared { get; init; } = 3;

    /// <summary>Creators those shared posts must span (fans of one creator are not a ring). Default 2.</summary>
    public int RingMinCreators { get; init; } = 2;

    /// <summary>Partners sharing that many early posts across that many creators, each as devoted, for <c>pod_ring</c>. Default 3.</summary>
    public int RingMinPartners { get; init; } = 3;

    /// <summary>
    /// Smallest share of its creators' posts (since its first early engagement with any of them) that an account and its
    /// partners engaged early, for <c>pod_ring</c>. Default 0.6, the tuner's choice on training seeds (decision 0012):
    /// ring members work nearly every post; followers pick some.
    /// </summary>
    public double RingMinCoverage { get; init; } = 0.6;

    /// <summary>
    /// Smallest focus of a ring member: early engagements per showing of its ring's creators' posts. Default 0.5:
    /// members engage the showing they are sent; genuine viewers, however keen, engage a few percent of what they see.
    /// </summary>
    public double RingMinFocus { get; init; } = 0.5;

    /// <summary>Weight of <c>pod_ring</c>. Default 0.6.</summary>
    public double RingWeight { get; init; } = 0.6;

    // revisions

    /// <summary>
    /// How far back a group found now revises engagements judged authentic before it showed itself (a ring's first posts,
    /// a pod's first wave). Default 6 hours, as <see cref="PodHistoryMs"/>: what the classifier remembers of a group is what it can revise.
    /// </summary>
    public long RevisionHorizonMs { get; init; } = 21_600_000;

    /// <summary>Engagements judged authentic kept per account for revision. Default 16 (most accounts hold one or two).</summary>
    public int MaxJudgedPerUser { get; init; } = 16;

    public static AuthenticityOptions Default { get; } = new();
}
