using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The authenticity classifier of docs/design.md, "Authenticity" (decision 0012). It judges accounts by what one account
/// shows and groups by what a group cannot hide:
/// <list type="bullet">
/// <item>per account: bursts, machine-regular timing, engagement with posts it was never shown, many accounts on one IP
/// or device, new accounts, near-zero dwell clicks, and a decaying suspicion carried from its last flags;</item>
/// <item>per post group (<see cref="GroupSignals"/>): most of a window's engagement from accounts never shown the post
/// and new to its creator, near-identical comments from many accounts, a pod's next wave coming back to the post,
/// generic comments from accounts that came through the post alone;</item>
/// <item>across creators (<see cref="RingSignal"/>): the same devoted accounts early on the posts of several creators.</item>
/// </list>
/// Each event is observed when event time passes it and judged a lag later (<see cref="AuthenticityOptions.JudgeLagMs"/>),
/// so its verdict sees the minutes of its group around it. Signals combine as a noisy-OR of their weights
/// (<see cref="AuthenticityOptions"/>). When a judgement finds a group, the engagements of its members judged authentic
/// before it showed itself (a ring's first posts, a pod's first wave, a bought batch's first likes) are revised: they
/// leave the authentic figures, count as suspicious on their posts, and join incidents there. As the watermark moves it
/// raises one <see cref="AlertKinds.InauthenticEngagement"/> alert per material incident per post, re-sent with the same
/// id as the incident grows. Impressions are always authentic but teach it who was shown what. Every table is bounded
/// and expires in event time. Pure and deterministic for a given input order (no clock, no I/O). Mutable; not
/// thread-safe: one per brand task.
/// </summary>
public sealed class AuthenticityClassifier : IEngagementClassifier
{
    private const long MinuteMs = 60_000;
    private const long SweepEveryMs = 60_000; // expiry runs once per minute of watermark: cheap, and finer than any retention

    // The signals that are a group's evidence rather than the account's own.
    private static readonly int[] GroupBits = [Bit.ExposureGap, Bit.TemplateWave, Bit.Pod, Bit.PraiseWave, Bit.PodRing, Bit.CopyPasteComment];

    private readonly AuthenticityOptions _options;
    private readonly ImpressionLog _impressions;
    private readonly Acquaintances _acquaintances;
    private readonly Dictionary<ulong, UserState> _users = [];
    private readonly Stack<UserState> _spareUsers = new(); // accounts the sweep or the cap forgot, emptied, for users first seen later
    private readonly LeastRecent _leastRecent = new(); // what the full tables forget, with its scratch kept

    /// <summary>Forgotten accounts kept for new users at most (or a tenth of <see cref="AuthenticityOptions.MaxUsers"/>, if more).</summary>
    internal const int MaxSpareUsers = 4_096;

    private readonly int _maxSpareUsers;
    private readonly Action<UserState> _recycle; // Recycle, made once

    // Accounts (by key) by when the minute's sweep must next forget one of their engaged posts or judged engagements
    // (UserState.ForgetAt): the sweep visits those due instead of every account every minute, which at 170,000 accounts
    // took the brand's thread 45 ms a minute (docs/benchmarks.md, "Session 49"). An entry whose account is gone, or whose
    // time no longer matches its account's (scheduled earlier since, and visited then), is passed over; one left by an
    // account forgotten and back under the same key may visit the new account early, which forgets nothing it should
    // keep. Keys, not the accounts: an account forgotten at the cap must not stay in memory until its entries' horizon,
    // and the queue is made again from the accounts when stale entries outnumber them (accounts forgotten at the cap
    // under churn), so it stays bounded by the cap as the accounts are.
    private readonly PriorityQueue<ulong, long> _forgetting = new();

    // Scratch of FlaggedAccounts, kept between calls (no account held between them). A listing's wanted scopes are numbered
    // as given; by that number: an account's flagged events, whether the scope has had a candidate, and its best candidates
    // so far.
    private readonly Dictionary<FlagScope, int> _wanted = [];
    private readonly List<FlagScope> _wantedScopes = [];
    private int[] _scopeFlagged = [];
    private bool[] _scopeFound = [];
    private PriorityQueue<FlagCandidate, FlagCandidate>[] _scopeBest = [];
    private readonly List<FlagCandidate> _sorted = []; // a scope's best, in the listing's order
    private readonly List<int> _accountScopes = []; // the account's scopes, in the order first counted
    private readonly List<int> _foundScopes = []; // the wanted scopes with candidates, in the order first found
    private long _listings; // numbers the calls, for the posts' resolved scopes (PostScopes)

    // The accounts the last listing listed, with the id and reasons it made for them: listed again with no new flag (the
    // usual case, ten seconds later), an account shares them instead of making them again. Holds only the last listing's.
    private Dictionary<UserState, ListedAccount> _listed = new(ReferenceEqualityComparer.Instance);
    private Dictionary<UserState, ListedAccount> _listing = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ulong, PostState> _posts = [];
    private readonly Dictionary<ulong, DistinctUsers> _ips = [];
    private readonly Dictionary<ulong, DistinctUsers> _devices = [];
    private readonly Dictionary<ulong, DistinctUsers> _comments = [];
    private readonly Dictionary<(string Campaign, string Creator), CreatorTally> _creators = []; // each post holds its creator's (PostState.CreatorTally)
    private readonly CreatorPosts _creatorPosts = new();
    private readonly RingSignal _rings;
    private readonly GroupSignals _groups;
    private readonly List<ulong> _partners = [];
    private readonly Dictionary<int, IReadOnlyList<string>> _codes = [];

    // Scratch for one revision at a time (the classifier is single-threaded).
    private readonly List<ulong> _members = [];
    private readonly List<JudgedEngagement> _taken = [];
    private long _maxTs = long.MinValue;
    private long _sweptAt = long.MinValue;

    public AuthenticityClassifier(AuthenticityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Checked here, at start-up, rather than at a post's first judgement: the print index's bands need a positive similarity.
        if (options.TemplateSimilarity is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TemplateSimilarity, $"{nameof(AuthenticityOptions.TemplateSimilarity)} must be greater than 0 and at most 1");
        }

        _options = options;
        _impressions = new ImpressionLog(options.MaxImpressions);
        _acquaintances = new Acquaintances(options.MaxImpressions);
        _groups = new GroupSignals(options);
        _rings = new RingSignal(options, _users, _posts, _impressions, _creatorPosts.Of);
        _maxSpareUsers = Math.Max(MaxSpareUsers, options.MaxUsers / 10);
        _recycle = Recycle;
    }

    /// <summary>
    /// Tests only: the minute's sweep walks every account to forget what passed its horizon, as before the schedule, so
    /// that a test can hold the schedule to it.
    /// </summary>
    internal bool SweepsEveryAccount { get; init; }

    /// <summary>Tests only: false makes every account anew, so that a test can hold the kept accounts to fresh ones.</summary>
    internal bool KeepsSpareUsers { get; init; } = true;

    /// <summary>Entries held across all tables (impressions, users, posts, identifiers, the forgetting schedule): for checking that memory stays bounded.</summary>
    public long StateSize =>
        _impressions.Count + _acquaintances.Count + _users.Count + _posts.Count + _ips.Count + _devices.Count + _comments.Count + _creators.Count + _creatorPosts.Count + _forgetting.Count;

    /// <summary>Observes and judges one event at once: for callers without a judge lag (tests, tools).</summary>
    public AuthenticityVerdict Classify(AudienceEvent e)
    {
        Observe(e);
        return Judge(e, null);
    }

    /// <summary>
    /// Learns an event as event time passes it, in (ts, id) order, before its verdict: who was shown which post (and the
    /// post's format), who knows which creator, and each engagement and click in its post's group window with the facts
    /// the group signals read (shown the post, new to the creator, coming back to it, a comment's print); early
    /// engagements also join the ring tables.
    /// </summary>
    public void Observe(AudienceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _maxTs = Math.Max(_maxTs, e.Ts);
        var userKey = e.UserKey;
        var postKey = e.PostKey;
        var post = Post(postKey, e);
        post.LastSeen = Math.Max(post.LastSeen, e.Ts);
        post.FirstSeen = Math.Min(post.FirstSeen, e.Ts);
        // New to the creator: it met the creator through this post (or not at all, until now); to the second, as meetings are kept.
        var newcomer = _acquaintances.Meet(KeyHash.Combine(userKey, post.CreatorKey), e.Ts) >= post.FirstSeen - (post.FirstSeen % 1_000);
        if (e is Impression impression)
        {
            post.Format ??= impression.ContentFormat;
            _impressions.Add(KeyHash.Combine(userKey, postKey), e.Ts);
            if (newcomer)
            {
                post.CountNewcomerView(e.Ts);
            }

            // An impression logged a moment after the account's engagement (within the judge lag, when its verdict can
            // still see it) was the showing that engagement followed: the engagement was not unexposed.
            if (_users.TryGetValue(userKey, out var viewer) && viewer.FirstEngagement(postKey) is { } engaged && engaged >= e.Ts - _options.JudgeLagMs)
            {
                post.MarkShown(userKey, e.Ts - _options.JudgeLagMs, e.Ts);
            }

            return;
        }

        var user = User(userKey);
        if (user.UserId.IsNone)
        {
            user.UserId = e.UserIdKey;
        }
        user.LastSeen = Math.Max(user.LastSeen, e.Ts);
        var shown = _impressions.Contains(KeyHash.Combine(userKey, postKey));
        var engagement = e as Engagement;
        var first = user.FirstEngagement(postKey);
        user.AddPost(postKey, e.Ts, _options.MaxPostsPerUser);
        ForgetLater(userKey, user, UserState.ExpiryOf(e.Ts, _options.PodHistoryMs));
        var text = engagement?.CommentText is { Length: > 0 } comment ? comment : null;
        var returning = text is not null && first is { } at && e.Ts - at >= _options.ReturnGapMs;
        var print = text is null ? null : CommentPrint.Of(text);
        var praise = text is not null && GenericPraise.IsGeneric(text);
        var chat = post.Format == ContentFormat.Live && engagement is { Kind: EngagementKind.Comment };
        post.Observe(new WindowEntry(e.Ts, userKey, engagement is null ? WindowEntry.Click : (byte)engagement.Kind, shown, newcomer, returning, praise, chat, print));
        if (engagement is not null && e.Ts - post.FirstSeen <= _options.RingEarlyMs)
        {
            user.AddRingPost(postKey, post.CreatorKey, _options.MaxPostsPerUser);
            post.AddRingEngager(userKey, _options.MaxEngagersPerPost);
        }
    }

    /// <summary>
    /// Hints the cache at the slots <see cref="Observe"/> will read for <paramref name="e"/> in the two largest tables: the
    /// account's acquaintance with the post's creator (when the post is known) and its impressions of the post.
    /// </summary>
    public void Prefetch(AudienceEvent e)
    {
        var userKey = e.UserKey;
        var postKey = e.PostKey;
        if (_posts.TryGetValue(postKey, out var post))
        {
            _acquaintances.Prefetch(KeyHash.Combine(userKey, post.CreatorKey));
        }

        _impressions.Prefetch(KeyHash.Combine(userKey, postKey));
    }

    /// <summary>The verdict on an observed event, in (ts, id) order, once every event within the judge lag after it is observed too.</summary>
    public AuthenticityVerdict Judge(AudienceEvent e) => Judge(e, null);

    public AuthenticityVerdict Judge(AudienceEvent e, List<RevisedEngagement>? revised) => Judge(e, revised, 0);

    public AuthenticityVerdict Judge(AudienceEvent e, List<RevisedEngagement>? revised, byte commentTraits)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is Impression)
        {
            return AuthenticityVerdict.Clean;
        }

        var userKey = e.UserKey;
        var postKey = e.PostKey;
        var post = Post(postKey, e);
        var o = _options;
        var user = User(userKey);
        user.LastSeen = Math.Max(user.LastSeen, e.Ts);

        var reasons = 0;
        var clean = 1.0; // Π(1 − wᵢ) over the signals that fire
        var accountClean = 1.0; // the same over the per-account signals alone
        void Fire(int bit, double weight)
        {
            reasons |= 1 << bit;
            clean *= 1 - weight;
            if (!GroupBits.Contains(bit))
            {
                accountClean *= 1 - weight;
            }
        }

        // A live stream's chat is bursts of short, repeated lines from viewers who come and go: its comments are judged
        // by who writes them (accounts, addresses, devices, rings), not by pace, repetition or exposure.
        var chat = post.Format == ContentFormat.Live && e is Engagement { Kind: EngagementKind.Comment };
        user.RecordTime(e.Ts);
        if (!chat && user.CountSince(e.Ts - o.BurstWindowMs) >= o.BurstCount)
        {
            Fire(Bit.Burst, o.BurstWeight);
        }

        if (!chat && user.IsRegular(e.Ts - o.RegularHistoryMs, o.RegularMinGaps, o.RegularMaxCv))
        {
            Fire(Bit.RegularTiming, o.RegularWeight);
        }

        if (!chat && !_impressions.Contains(KeyHash.Combine(userKey, postKey)))
        {
            Fire(Bit.NotShown, o.NotShownWeight);
        }

        if (e.IpKey != IdentifierKey.None && Identifier(_ips, e.IpKey).Touch(userKey, e.Ts, o.SharedWindowMs, o.MaxUsersPerIdentifier) >= o.SharedIpUsers)
        {
            Fire(Bit.SharedIp, o.SharedIpWeight);
        }

        if (e.DeviceKey != IdentifierKey.None && Identifier(_devices, e.DeviceKey).Touch(userKey, e.Ts, o.SharedWindowMs, o.MaxUsersPerIdentifier) >= o.SharedDeviceUsers)
        {
            Fire(Bit.SharedDevice, o.SharedDeviceWeight);
        }

        Findings? findings = null;
        var ring = false;
        if (e is Engagement engagement)
        {
            if (engagement.AccountAgeDays is { } age && age < o.NewAccountDays)
            {
                Fire(Bit.NewAccount, o.NewAccountWeight);
            }

            findings = _groups.Of(post, userKey, e.Ts, chat);

            // The same text from several accounts, when it is much of what the post hears (a crowd repeats its favourite
            // lines too, each a small share of what hundreds write).
            if (!chat && engagement.CommentText is { Length: > 0 } text && findings.CopiesDominate &&
                Identifier(_comments, KeyHash.Combine(postKey, NormalizedHash(text))).Touch(userKey, e.Ts, o.SharedWindowMs, o.MaxUsersPerIdentifier) >= o.CopyPasteAccounts)
            {
                Fire(Bit.CopyPasteComment, o.CopyPasteWeight);
            }

            if (findings.ReturningGroup)
            {
                Fire(Bit.Pod, o.PodWeight);
            }

            if (findings.ExposureGap)
            {
                Fire(Bit.ExposureGap, o.ExposureGapWeight);
            }

            if (findings.TemplateWave)
            {
                Fire(Bit.TemplateWave, o.TemplateWeight);
            }

            if (findings.PraiseWave)
            {
                Fire(Bit.PraiseWave, o.PraiseWaveWeight);
            }

            ring = _rings.Found(user, userKey, post, e.Ts, _partners);
            if (ring)
            {
                Fire(Bit.PodRing, o.RingWeight);
            }
        }
        else if (e is Click { DwellMs: { } dwell } && dwell < o.ZeroDwellMs)
        {
            Fire(Bit.ZeroDwell, o.ZeroDwellWeight);
        }

        var signals = 1 - clean;
        var prior = user.SuspicionAt(e.Ts, o.SuspicionHalfLifeMs) * o.PriorCarry;
        var suspicion = signals;
        if (prior > signals)
        {
            suspicion = prior;
            if (prior >= o.FlagThreshold)
            {
                reasons |= 1 << Bit.SuspiciousAccount;
            }
        }

        // Only the event's own per-account signals raise the account's suspicion, so a carried suspicion fades instead of
        // feeding itself, and an account swept into a group's window beside it (a genuine lost impression in a bought
        // batch's minutes) does not carry the group's suspicion onto its next engagements: a group's members are judged
        // by the group each time they act with it.
        user.RaiseSuspicion(1 - accountClean, e.Ts, o.SuspicionHalfLifeMs);
        var flagged = suspicion >= o.FlagThreshold;
        post.Count(e.Ts, flagged);
        if (e is Engagement judged)
        {
            Tally(post, e, !flagged);
            if (!flagged)
            {
                user.AddJudged(new JudgedEngagement(e.IdKey, postKey, e.Ts, judged.Kind, e.Platform, commentTraits), o.MaxJudgedPerUser);
                ForgetLater(userKey, user, UserState.ExpiryOf(e.Ts, o.RevisionHorizonMs));
                post.JudgedAuthentic(userKey);
            }
        }

        if (flagged)
        {
            Flag(user, userKey, post, e.Ts, reasons);
        }

        if (revised is not null && flagged && findings is not null)
        {
            Revise(post, postKey, findings.Unexposed, Bit.ExposureGap, revised);
            Revise(post, postKey, findings.Template, Bit.TemplateWave, revised);
            Revise(post, postKey, findings.Returners, Bit.Pod, revised);
            Revise(post, postKey, findings.Praisers, Bit.PraiseWave, revised);
            if (ring)
            {
                ReviseRing(user, userKey, revised);
                foreach (var partner in _partners)
                {
                    ReviseRing(_users[partner], partner, revised);
                }
            }
        }

        return reasons == 0 ? AuthenticityVerdict.Clean : new AuthenticityVerdict(!flagged, Math.Round(suspicion, 4), Codes(reasons));
    }

    /// <summary>
    /// Revises the members' engagements on the post that were judged authentic before the group showed itself: each moves
    /// out of the authentic figures (<paramref name="revised"/>), counts as suspicious on its post, and joins the post's
    /// incidents and the account's explanation.
    /// </summary>
    private void Revise(PostState post, ulong postKey, IReadOnlyCollection<ulong> members, int bit, List<RevisedEngagement> revised)
    {
        if (members.Count == 0)
        {
            return;
        }

        // In key order, so the revisions come out the same whatever order the set holds its members in. Only the members
        // with an engagement on the post still to revise are sorted: a group is found again at each of its engagements,
        // and by then most of it was revised at an earlier one (sorting the whole group each time cost 4 % of replay).
        // Each member is looked up once per post while it stays clear: the post keeps who is known to hold nothing to
        // revise there (PostState.AccountKnownClear; a member is clear from here on either way, as its judged engagements on the
        // post are all taken below).
        _members.Clear();
        foreach (var member in members)
        {
            if (post.AccountKnownClear(member))
            {
                continue;
            }

            if (_users.TryGetValue(member, out var user) && user.HasJudged(postKey))
            {
                _members.Add(member);
            }

            post.MarkClear(member);
        }

        _members.Sort();
        foreach (var member in _members)
        {
            var user = _users[member];
            _taken.Clear();
            user.TakeJudged(postKey, _taken);
            foreach (var judged in _taken)
            {
                Revised(user, member, post, judged, bit, revised);
            }
        }
    }

    /// <summary>Revises the ring member's early engagements on its ring's posts that were judged authentic.</summary>
    private void ReviseRing(UserState user, ulong userKey, List<RevisedEngagement> revised)
    {
        _taken.Clear();
        user.TakeRingJudged(_taken);
        foreach (var judged in _taken)
        {
            if (_posts.TryGetValue(judged.Post, out var post))
            {
                Revised(user, userKey, post, judged, Bit.PodRing, revised);
            }
        }
    }

    private void Revised(UserState user, ulong userKey, PostState post, JudgedEngagement judged, int bit, List<RevisedEngagement> revised)
    {
        var reasons = 1 << bit;
        post.Recount(judged.Ts);
        Untally(post.CampaignId, post.CreatorId);
        Flag(user, userKey, post, judged.Ts, reasons);
        revised.Add(new RevisedEngagement(
            judged.EventId.ToString(), post.CampaignId, post.CreatorId, post.ContentId, judged.Platform, judged.Ts, judged.Kind, AuthenticityReasons.All[bit], judged.CommentTraits));
    }

    /// <summary>Records a flagged engagement or click: the account's explanation, and the post's incident it belongs to.</summary>
    private void Flag(UserState user, ulong userKey, PostState post, long ts, int reasons)
    {
        user.RecordFlag(reasons, post.Scopes);

        // A late or revised event within an incident's span (a stream catching up, a record held back, a group found
        // later) is part of it: its alert is updated under the same id instead of another alert starting in its middle.
        var o = _options;
        // An event just before an incident's start (a group's first members, revised once the group showed itself) joins it
        // too: its alert keeps its id, and its window reaches back to them.
        PostIncident? incident = null;
        foreach (var candidate in post.Incidents)
        {
            if (ts >= candidate.FirstTs - o.IncidentGapMs && ts <= candidate.LastTs + o.IncidentGapMs && ts - candidate.FirstTs <= o.MaxIncidentMs)
            {
                incident = candidate; // the first that matches, as List.Find
                break;
            }
        }

        if (incident is null)
        {
            incident = new PostIncident(ts);
            post.Incidents.Add(incident);
        }

        incident.Add(ts, userKey, reasons);
    }

    public void Advance(long watermark, long wallClockMs, List<Alert> alerts)
    {
        ReportIncidents(watermark, wallClockMs, alerts);
        Expire(watermark);
    }

    /// <summary>
    /// Adds an alert for every incident that grew materially since it last alerted. An incident is over once its post has
    /// been quiet for the gap: a later suspicious event starts another, unless it is late (or revised) and within its span.
    /// </summary>
    public void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var raised = new List<Alert>();
        foreach (var post in _posts.Values)
        {
            foreach (var incident in post.Incidents)
            {
                if (Material(post, incident, out var suspicious, out var all) && suspicious != incident.AlertedSuspicious)
                {
                    incident.AlertedSuspicious = suspicious;
                    raised.Add(ToAlert(post, incident, suspicious, all, wallClockMs));
                }
            }
        }

        raised.Sort((a, b) => string.CompareOrdinal(a.AlertId, b.AlertId)); // deterministic order whatever the table order
        alerts.AddRange(raised);
    }

    /// <summary>
    /// Forgets users, posts and identifiers idle for longer than their retention behind the watermark, as of the last
    /// whole minute of event time it has passed (once per such minute). Sweeping at fixed minutes rather than at whatever
    /// watermark arrives makes what is forgotten before each event the same however the watermark moved (a live run's
    /// small steps, a replay's big ones). Read <see cref="FlaggedAccounts(IReadOnlyCollection{FlagScope}, int)"/> before
    /// this when the watermark jumps (the end of a replay moves it past everything, and every account would be forgotten first).
    /// </summary>
    public void Expire(long watermark)
    {
        var minute = watermark - (((watermark % SweepEveryMs) + SweepEveryMs) % SweepEveryMs);
        if (_sweptAt == long.MinValue || minute > _sweptAt)
        {
            _sweptAt = minute;
            Sweep(minute);
        }
    }

    /// <summary>
    /// The accounts flagged on a campaign's posts (optionally one creator's, optionally one post), most suspicious
    /// first (ties: most flagged events, then account id). Suspicion is decayed to the newest event time seen.
    /// Only accounts still in memory (seen within <see cref="AuthenticityOptions.UserRetentionMs"/>) are listed.
    /// </summary>
    public IReadOnlyList<FlaggedAccount> FlaggedAccounts(string campaignId, string? creatorId, string? contentId, int limit)
    {
        ArgumentNullException.ThrowIfNull(campaignId);
        var scope = new FlagScope(campaignId, creatorId, contentId);
        return FlaggedAccounts([scope], limit).GetValueOrDefault(scope) ?? [];
    }

    public IReadOnlyDictionary<FlagScope, IReadOnlyList<FlaggedAccount>> FlaggedAccounts(IReadOnlyCollection<FlagScope> scopes, int limit)
    {
        // One walk over the flagged users for every scope: walking all users once per scope cost O(scopes × users),
        // 239 s instead of 39 s with 3,000 creators (docs/benchmarks.md, issue 8). Each scope keeps only its best `limit`
        // candidates so far, as plain values in a priority queue, and only the accounts listed become objects: a worker
        // asks every ten seconds, and sorting every candidate of a long run (400,000 of them) took the brand's thread 270 ms
        // of the call's 430 (docs/benchmarks.md, "Session 49"). A post's scopes are looked up once per listing, not per
        // account.
        ArgumentNullException.ThrowIfNull(scopes);
        var listing = ++_listings;
        try
        {
            NumberWanted(scopes);
            var seq = 0;
            foreach (var user in _users.Values)
            {
                if (!user.HasFlaggedOn)
                {
                    continue;
                }

                foreach (var flagged in user.FlaggedOn)
                {
                    if (flagged.Flagged > 0)
                    {
                        var post = flagged.Post;
                        post.Resolve(listing, _wanted);
                        CountFlags(post.CampaignScope, flagged.Flagged);
                        CountFlags(post.CreatorScope, flagged.Flagged);
                        CountFlags(post.PostScope, flagged.Flagged);
                        CountFlags(post.CampaignContentScope, flagged.Flagged);
                    }
                }

                if (_accountScopes.Count == 0)
                {
                    continue;
                }

                var suspicion = Math.Round(user.SuspicionAt(_maxTs, _options.SuspicionHalfLifeMs), 4);
                foreach (var scope in _accountScopes)
                {
                    if (!_scopeFound[scope])
                    {
                        _scopeFound[scope] = true;
                        _foundScopes.Add(scope); // the result's order: as first found
                    }

                    Offer(_scopeBest[scope], new FlagCandidate(user, suspicion, _scopeFlagged[scope], seq++), limit);
                    _scopeFlagged[scope] = 0;
                }

                _accountScopes.Clear();
            }

            var found = new Dictionary<FlagScope, IReadOnlyList<FlaggedAccount>>(_foundScopes.Count);
            foreach (var scope in _foundScopes)
            {
                _sorted.Clear();
                foreach (var (candidate, _) in _scopeBest[scope].UnorderedItems)
                {
                    _sorted.Add(candidate);
                }

                var best = CollectionsMarshal.AsSpan(_sorted);
                best.Sort(default(FlagOrder));
                var accounts = new FlaggedAccount[best.Length];
                for (var i = 0; i < accounts.Length; i++)
                {
                    var (user, suspicion, flagged, _) = best[i];
                    var listed = Listed(user); // one per user, shared by its scopes
                    accounts[i] = new FlaggedAccount(listed.Id, suspicion, listed.Reasons, flagged, user.LastSeen);
                }

                found[_wantedScopes[scope]] = Array.AsReadOnly(accounts);
            }

            return found;
        }
        finally
        {
            // The scratch keeps its room for the next call but no account: a forgotten account must not stay reachable from
            // here, nor a call that threw leave counts behind. A scope's queue holds at most `limit`; one left larger than
            // 4,096 (a listing of every account) goes. Only the accounts this call listed stay (in _listed, until the next
            // call), as the lists returned hold them too.
            for (var scope = 0; scope < _wantedScopes.Count; scope++)
            {
                var best = _scopeBest[scope];
                best.Clear();
                if (best.EnsureCapacity(0) > 4_096)
                {
                    best.TrimExcess();
                }
            }

            _sorted.Clear();
            if (_sorted.Capacity > 4_096)
            {
                _sorted.Capacity = 0;
            }

            Array.Fill(_scopeFlagged, 0, 0, _wantedScopes.Count);
            Array.Fill(_scopeFound, false, 0, _wantedScopes.Count);
            _accountScopes.Clear();
            _foundScopes.Clear();
            _wanted.Clear();
            _wantedScopes.Clear();
            (_listed, _listing) = (_listing, _listed);
            _listing.Clear();
        }
    }

    /// <summary>
    /// Numbers the listing's wanted scopes as given (a repeated one keeps its first number), making room for each before
    /// it is numbered, so the clean-up after a call that threw part-way finds room for every scope numbered.
    /// </summary>
    private void NumberWanted(IReadOnlyCollection<FlagScope> scopes)
    {
        foreach (var scope in scopes)
        {
            var number = _wantedScopes.Count;
            if (_scopeBest.Length == number)
            {
                Array.Resize(ref _scopeBest, Math.Max(16, 2 * number));
                Array.Resize(ref _scopeFlagged, _scopeBest.Length);
                Array.Resize(ref _scopeFound, _scopeBest.Length);
                for (var i = number; i < _scopeBest.Length; i++)
                {
                    _scopeBest[i] = new PriorityQueue<FlagCandidate, FlagCandidate>(LastFirst);
                }
            }

            if (_wanted.TryAdd(scope, number))
            {
                _wantedScopes.Add(scope);
            }
        }
    }

    /// <summary>Adds an account's flagged events on a post to a wanted scope's count (none for a scope not wanted).</summary>
    private void CountFlags(int scope, int flagged)
    {
        if (scope != PostScopes.NotWanted)
        {
            if (_scopeFlagged[scope] == 0)
            {
                _accountScopes.Add(scope);
            }

            _scopeFlagged[scope] += flagged;
        }
    }

    /// <summary>The hash of a comment's normalized text (<see cref="CommentText"/>), made without a string.</summary>
    private static ulong NormalizedHash(string text)
    {
        Span<char> buffer = text.Length <= CommentText.MaxStackChars ? stackalloc char[text.Length] : new char[text.Length];
        return KeyHash.Of(CommentText.Normalize(text, buffer));
    }

    /// <summary>
    /// Keeps <paramref name="candidate"/> among a scope's best <paramref name="limit"/> so far: a queue whose head is the
    /// last of them (by <see cref="FlagOrder"/>, reversed in <see cref="LastFirst"/>), so a candidate that does not beat it
    /// costs one comparison. The order is total (the walk's place breaks every tie), so the best kept are exactly the first
    /// of the whole sorted list.
    /// </summary>
    private static void Offer(PriorityQueue<FlagCandidate, FlagCandidate> best, FlagCandidate candidate, int limit)
    {
        if (best.Count < limit)
        {
            best.Enqueue(candidate, candidate);
        }
        else if (best.Count > 0 && default(FlagOrder).Compare(candidate, best.Peek()) < 0)
        {
            best.DequeueEnqueue(candidate, candidate);
        }
    }

    /// <summary>
    /// A listed account's id and reasons: as the last listing made them if it listed the account and no flag has been
    /// recorded on it since (its reason counts change only with its flag count), else made now.
    /// </summary>
    private ListedAccount Listed(UserState user)
    {
        if (!_listing.TryGetValue(user, out var listed))
        {
            listed = _listed.TryGetValue(user, out var before) && before.Flagged == user.Flagged && before.Key == user.UserId
                ? before
                : new ListedAccount(user.Flagged, user.UserId, user.UserId.ToString(), ReasonCounts(user));
            _listing.Add(user, listed);
        }

        return listed;
    }

    /// <summary>How often each reason fired on the account's flagged events, by reason code.</summary>
    private static Dictionary<string, int> ReasonCounts(UserState user)
    {
        var reasons = new Dictionary<string, int>();
        var counts = user.ReasonCounts; // empty when none are kept: a snapshot may restore the posts flagged on without them
        for (var bit = 0; bit < counts.Length; bit++)
        {
            if (counts[bit] > 0)
            {
                reasons[AuthenticityReasons.All[bit]] = counts[bit];
            }
        }

        return reasons;
    }

    /// <summary>What a listing made for an account (its id and reasons), and the flag count and id key they were made at.</summary>
    private readonly record struct ListedAccount(int Flagged, EventIdKey Key, string Id, IReadOnlyDictionary<string, int> Reasons);

    /// <summary>
    /// A flagged account as a candidate for one scope's list, and its place in the walk: two accounts can share an id (an
    /// account judged after the cap forgot it, or restored without one, has none), and the listing keeps such ties in the
    /// walk's order, as a stable sort did.
    /// </summary>
    private readonly record struct FlagCandidate(UserState User, double Suspicion, int Flagged, int Seq);

    /// <summary>The listing's order reversed: a scope's queue of its best holds the last of them at its head.</summary>
    private static readonly IComparer<FlagCandidate> LastFirst = Comparer<FlagCandidate>.Create(static (x, y) => default(FlagOrder).Compare(y, x));

    /// <summary>The listing's order: most suspicious first, then most flagged events, then account id (ordinal: as <see cref="Events.EventIdKey"/> orders), then the walk's order.</summary>
    private readonly struct FlagOrder : IComparer<FlagCandidate>
    {
        public int Compare(FlagCandidate x, FlagCandidate y)
        {
            var bySuspicion = y.Suspicion.CompareTo(x.Suspicion);
            if (bySuspicion != 0)
            {
                return bySuspicion;
            }

            if (x.Flagged != y.Flagged)
            {
                return y.Flagged.CompareTo(x.Flagged);
            }

            var byId = x.User.UserId.CompareTo(y.User.UserId);
            return byId != 0 ? byId : x.Seq.CompareTo(y.Seq);
        }
    }

    /// <summary>The accounts held, and the newest event time seen: what a test's own listing of flagged accounts reads.</summary>
    internal IEnumerable<UserState> Users => _users.Values;

    /// <summary>Forgotten accounts kept for new users (for tests).</summary>
    internal int SpareUsers => _spareUsers.Count;

    internal long NewestTs => _maxTs;

    /// <summary>
    /// A creator's authenticity score: the share of their engagements judged authentic, over everything this
    /// classifier has seen; null when it has seen none. Clicks are not engagements and are not counted.
    /// </summary>
    public double? AuthenticityScore(string campaignId, string creatorId) =>
        _creators.TryGetValue((campaignId, creatorId), out var t) && t.All > 0 ? (double)t.Authentic / t.All : null;

    /// <summary>The reason codes of a set of reasons, made once per distinct set and shared by every verdict that has it.</summary>
    private IReadOnlyList<string> Codes(int reasons)
    {
        if (!_codes.TryGetValue(reasons, out var codes))
        {
            _codes[reasons] = codes = MakeCodes(reasons);
        }

        return codes;
    }

    private static string[] MakeCodes(int reasons)
    {
        var codes = new List<string>(4);
        for (var bit = 0; bit < AuthenticityReasons.All.Count; bit++)
        {
            if ((reasons & (1 << bit)) != 0)
            {
                codes.Add(AuthenticityReasons.All[bit]);
            }
        }

        return [.. codes];
    }

    private bool Material(PostState post, PostIncident incident, out int suspicious, out int all)
    {
        (all, suspicious) = post.Totals(Math.Min(incident.StartMinute, incident.FirstTs - (incident.FirstTs % MinuteMs)), incident.LastTs);
        return suspicious >= _options.AlertMinSuspicious && suspicious >= _options.AlertMinShare * all;
    }

    private Alert ToAlert(PostState post, PostIncident incident, int suspicious, int all, long wallClockMs)
    {
        // The reasons counted, most counted first (ties in the codes' order), by insertion: there are a dozen or so.
        var counts = incident.ReasonCounts;
        Span<int> order = stackalloc int[counts.Length];
        var ordered = 0;
        for (var bit = 0; bit < counts.Length; bit++)
        {
            if (counts[bit] > 0)
            {
                var at = ordered++;
                for (; at > 0 && counts[order[at - 1]] < counts[bit]; at--)
                {
                    order[at] = order[at - 1];
                }

                order[at] = bit;
            }
        }

        var top = new JsonArray();
        foreach (var bit in order[..Math.Clamp(_options.TopReasons, 0, ordered)])
        {
            top.Add(AuthenticityReasons.All[bit]);
        }

        return new Alert
        {
            AlertId = $"{AlertKinds.InauthenticEngagement}:{post.CampaignId}:{post.CreatorId}:{post.ContentId}:{incident.StartMinute / MinuteMs}",
            Kind = AlertKinds.InauthenticEngagement,
            CampaignId = post.CampaignId,
            CreatorId = post.CreatorId,
            ContentId = post.ContentId,
            WindowStart = incident.FirstTs,
            WindowEnd = incident.LastTs + 1,
            DetectedAtMs = wallClockMs,
            Details = new JsonObject
            {
                ["share_suspicious"] = Math.Round((double)suspicious / all, 4),
                ["suspicious_engagements"] = suspicious,
                ["engagements"] = all,
                ["accounts"] = incident.Accounts.Count,
                ["top_reasons"] = top,
            },
        };
    }

    private UserState User(ulong key)
    {
        if (!_users.TryGetValue(key, out var user))
        {
            Evict(_users, _options.MaxUsers, static u => u.LastSeen, _recycle);
            user = _spareUsers.TryPop(out var spare) ? spare : new UserState();
            _users[key] = user;
        }

        return user;
    }

    private PostState Post(ulong key, AudienceEvent e)
    {
        if (!_posts.TryGetValue(key, out var post))
        {
            if (Evict(_posts, _options.MaxPosts, p => p.LastSeen))
            {
                _creatorPosts.Forget(_posts.ContainsKey);
            }

            post = new PostState(e.CampaignId, e.CreatorId, e.ContentId);
            _posts[key] = post;
            _creatorPosts.Add(post.CreatorKey, key);
        }

        return post;
    }

    /// <summary>The identifier's users, held in the table's entry: valid until the table next changes.</summary>
    private ref DistinctUsers Identifier(Dictionary<ulong, DistinctUsers> table, ulong key)
    {
        ref var users = ref CollectionsMarshal.GetValueRefOrNullRef(table, key);
        if (!Unsafe.IsNullRef(ref users))
        {
            return ref users;
        }

        Evict(table, _options.MaxIdentifiers, u => u.LastTs);
        table[key] = DistinctUsers.None;
        return ref CollectionsMarshal.GetValueRefOrNullRef(table, key);
    }

    /// <summary>Moves one of the creator's engagements from authentic to not (a revision).</summary>
    private void Untally(string campaignId, string creatorId)
    {
        if (_creators.TryGetValue((campaignId, creatorId), out var t))
        {
            t.Authentic--;
        }
    }

    /// <summary>
    /// Counts a judged engagement into its creator's score, through the tally its post holds (found or made at the post's
    /// first judged engagement), so a judgement looks nothing up. The event's ids are the post's unless two posts' keys
    /// collide; then the event's creator is looked up, as always.
    /// </summary>
    private void Tally(PostState post, AudienceEvent e, bool authentic)
    {
        var tally = string.Equals(post.CampaignId, e.CampaignId, StringComparison.Ordinal) && string.Equals(post.CreatorId, e.CreatorId, StringComparison.Ordinal)
            ? post.CreatorTally ??= TallyOf(e.CampaignId, e.CreatorId)
            : TallyOf(e.CampaignId, e.CreatorId);
        if (tally is null)
        {
            return;
        }

        tally.All++;
        tally.Authentic += authentic ? 1 : 0;
    }

    /// <summary>The creator's tally, made if there is room; null when more creators than posts allowed are scored already.</summary>
    private CreatorTally? TallyOf(string campaignId, string creatorId)
    {
        if (_creators.TryGetValue((campaignId, creatorId), out var tally))
        {
            return tally;
        }

        if (_creators.Count >= _options.MaxPosts)
        {
            return null; // stop scoring new creators rather than grow without bound
        }

        tally = new CreatorTally();
        _creators.Add((campaignId, creatorId), tally);
        return tally;
    }

    /// <summary>Forgets what has expired in event time (users, posts, identifiers, impressions, old minutes).</summary>
    private void Sweep(long watermark)
    {
        var o = _options;
        _impressions.Expire(watermark - o.ImpressionRetentionMs);
        ForgetUsersSeenBefore(watermark - o.UserRetentionMs);

        if (SweepsEveryAccount)
        {
            foreach (var user in _users.Values)
            {
                user.ForgetPostsBefore(watermark - o.PodHistoryMs);
                user.ForgetJudgedBefore(watermark - o.RevisionHorizonMs);
            }
        }
        else
        {
            // What the walk above forgets: only an account holding an entry past its horizon loses one, and each such
            // account is due.
            while (_forgetting.TryPeek(out var key, out var at) && at < watermark)
            {
                _forgetting.Dequeue();
                if (_users.TryGetValue(key, out var user) && at == user.ForgetAt)
                {
                    user.ForgetAt = long.MaxValue;
                    user.ForgetPostsBefore(watermark - o.PodHistoryMs);
                    user.ForgetJudgedBefore(watermark - o.RevisionHorizonMs);
                    ForgetLater(key, user, user.EarliestExpiry(o.PodHistoryMs, o.RevisionHorizonMs));
                }
            }
        }

        Remove(_posts, p => p.LastSeen < watermark - o.PostRetentionMs && p.Incidents.Count == 0);
        _creatorPosts.Forget(_posts.ContainsKey);
        _acquaintances.Expire(watermark - o.UserRetentionMs);
        foreach (var post in _posts.Values)
        {
            // An incident can take late events for as long as one may still arrive (lateness is bounded upstream to an
            // hour, the longest incident), and revised ones for as long as a group found later may revise its span: until
            // then it is kept, with its post's minutes, so that what joins it is measured against what the post heard then
            // (a revision in an incident's span forgotten too soon would start another, counting the old one's minutes).
            post.Incidents.RemoveAll(i => watermark - i.LastTs > Math.Max(o.IncidentGapMs + o.MaxIncidentMs, o.RevisionHorizonMs));
            post.ForgetWindowBefore(watermark - Math.Max(o.GroupWindowMs, o.GroupReachMs) - o.JudgeLagMs);
            var keepFrom = post.Incidents.Count == 0 ? long.MaxValue : post.Incidents.Min(i => Math.Min(i.StartMinute, i.FirstTs - (i.FirstTs % MinuteMs)));
            post.ForgetMinutesBefore(Math.Min(keepFrom, watermark - Math.Max(o.MaxIncidentMs, o.RevisionHorizonMs)));
        }

        Remove(_ips, u => u.LastTs < watermark - o.SharedWindowMs);
        Remove(_devices, u => u.LastTs < watermark - o.SharedWindowMs);
        Remove(_comments, u => u.LastTs < watermark - o.SharedWindowMs);
    }

    /// <summary>
    /// Forgets the accounts last seen before <paramref name="before"/>, keeping them, emptied, for users first seen later:
    /// under a sustained rate users keep coming and going, and an account each was a twentieth of what the pipeline
    /// allocated in steady state (docs/benchmarks.md, session 55). A kept account is let go by the last listing first,
    /// which may share its explanation only with the same account.
    /// </summary>
    private void ForgetUsersSeenBefore(long before)
    {
        // Removed as met: a Dictionary may lose entries while it is enumerated (.NET Core 3.0 and later).
        foreach (var (key, user) in _users)
        {
            if (user.LastSeen < before)
            {
                _users.Remove(key);
                Recycle(user);
            }
        }
    }

    // An account the table let go (the sweep's, or the least recent tenth at the cap): emptied and kept for a user first
    // seen later. At the cap a tenth goes at once, and as many new users follow it, so up to a tenth are kept (a table at
    // its cap made a new account for each before: a tenth of what the pipeline allocated at 3,000 events a second,
    // docs/benchmarks.md, session 59).
    private void Recycle(UserState user)
    {
        _listed.Remove(user); // (_listing is empty between listings: each clears it as it ends)
        if (KeepsSpareUsers && _spareUsers.Count < _maxSpareUsers)
        {
            user.Reset();
            _spareUsers.Push(user);
        }
    }

    /// <summary>Makes the queue again from the accounts held (each at the time it is to be looked at), without stale entries.</summary>
    private void ScheduleForgettingAgain()
    {
        _forgetting.Clear();
        foreach (var (key, user) in _users)
        {
            if (user.ForgetAt != long.MaxValue)
            {
                _forgetting.Enqueue(key, user.ForgetAt);
            }
        }

        _forgetting.TrimExcess();
    }

    /// <summary>Makes the sweep look at <paramref name="user"/> (kept under <paramref name="key"/>) once its time passes <paramref name="at"/>, unless it is to look sooner.</summary>
    private void ForgetLater(ulong key, UserState user, long at)
    {
        if (at < user.ForgetAt)
        {
            user.ForgetAt = at;
            if (_forgetting.Count > (2 * _users.Count) + 1_024)
            {
                ScheduleForgettingAgain(); // the account is held, so this puts it in at its new time
            }
            else
            {
                _forgetting.Enqueue(key, at);
            }
        }
    }

    private static void Remove<T>(Dictionary<ulong, T> table, Func<T, bool> expired)
    {
        // Removed as met: a Dictionary may lose entries while it is enumerated (.NET Core 3.0 and later), so no list of keys is made.
        foreach (var (key, value) in table)
        {
            if (expired(value))
            {
                table.Remove(key);
            }
        }
    }

    /// <summary>
    /// At capacity, drops the least recently seen tenth (ties by key, so the result is deterministic), telling
    /// <paramref name="forgotten"/> of each if given. Returns whether it did.
    /// </summary>
    private bool Evict<T>(Dictionary<ulong, T> table, int capacity, Func<T, long> lastSeen, Action<T>? forgotten = null)
    {
        if (table.Count < capacity)
        {
            return false;
        }

        _leastRecent.Forget(table, Math.Max(1, capacity / 10), lastSeen, forgotten);
        return true;
    }

    /// <summary>Writes everything the classifier remembers (docs/design.md, "Recovery"), so a restored one judges the next events alike.</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        SaveTimes(writer);
        _impressions.Save(writer);
        _acquaintances.Save(writer);
        SaveAccountsAndPosts(writer);
    }

    /// <summary>
    /// <see cref="Save"/>'s bytes as parts of <paramref name="capture"/> (decision 0033): the impressions and
    /// acquaintances, flat tables, copied for later; the accounts and posts, objects a copy would walk as writing does,
    /// written now.
    /// </summary>
    public void Capture(Snapshots.SnapshotCapture capture)
    {
        capture.Now(SaveTimes);
        capture.Later(_impressions.Freeze(capture));
        capture.Later(_acquaintances.Freeze(capture));
        capture.Now(SaveAccountsAndPosts);
    }

    private void SaveTimes(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_maxTs);
        writer.Write(_sweptAt);
    }

    private void SaveAccountsAndPosts(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_users, static (w, key) => w.Write(key), static (w, user) => user.Save(w));
        writer.Write(_posts, static (w, key) => w.Write(key), static (w, post) => post.Save(w));
        foreach (var table in new[] { _ips, _devices, _comments })
        {
            writer.Write(table, static (w, key) => w.Write(key), static (w, users) => users.Save(w));
        }

        writer.Write(
            _creators,
            static (w, key) =>
            {
                w.Write(key.Campaign);
                w.Write(key.Creator);
            },
            static (w, tally) =>
            {
                w.Write(tally.All);
                w.Write(tally.Authentic);
            });

        _creatorPosts.Save(writer);
    }

    /// <summary>Reads into this fresh classifier (same options) what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _maxTs = reader.Long();
        _sweptAt = reader.Long();
        _impressions.Load(reader);
        _acquaintances.Load(reader);
        var flaggedOn = new Dictionary<(string, string, string), PostScopes>(); // one instance per post, as flagging made them
        reader.Into(_users, static r => r.ULong(), r => UserState.Load(r, flaggedOn));
        foreach (var (key, user) in _users)
        {
            ForgetLater(key, user, user.EarliestExpiry(_options.PodHistoryMs, _options.RevisionHorizonMs));
        }

        reader.Into(_posts, static r => r.ULong(), PostState.Load);
        foreach (var post in _posts.Values)
        {
            post.ShareScopes(flaggedOn); // the accounts' instance: a flag after the restore finds the one they hold
        }

        foreach (var table in new[] { _ips, _devices, _comments })
        {
            reader.Into(table, static r => r.ULong(), DistinctUsers.Load);
        }

        reader.Into(_creators, static r => (r.String(), r.String()), static r => new CreatorTally { All = r.Long(), Authentic = r.Long() });
        _creatorPosts.Load(reader);
    }
}
