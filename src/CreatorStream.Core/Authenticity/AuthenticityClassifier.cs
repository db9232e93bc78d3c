using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The authenticity classifier of docs/design.md, "Authenticity". Every signal is incremental and kept in bounded state that
/// expires in event time: per-user bursts and machine-regular timing, engagement with posts the user was never
/// shown, many users on one IP or device, new accounts, near-zero dwell clicks, copy-paste comments and engagement
/// pods (<see cref="PodSignal"/>: the same accounts early on the same posts beyond chance, and generic praise straight
/// after a like). Signals combine as a noisy-OR of their weights (<see cref="AuthenticityOptions"/>), together with the
/// user's decaying suspicion; impressions are always authentic but teach it who was shown what. As the watermark
/// moves it raises one <see cref="AlertKinds.InauthenticEngagement"/> alert per material incident per post, re-sent
/// with the same id as the incident grows. Pure and deterministic for a given input order (no clock, no I/O).
/// Mutable; not thread-safe: one per processor.
/// </summary>
public sealed class AuthenticityClassifier : IEngagementClassifier
{
    private const long MinuteMs = 60_000;
    private const long SweepEveryMs = 60_000; // expiry runs once per minute of watermark: cheap, and finer than any retention

    private readonly AuthenticityOptions _options;
    private readonly ImpressionLog _impressions;
    private readonly Dictionary<ulong, UserState> _users = [];
    private readonly Dictionary<ulong, PostState> _posts = [];
    private readonly Dictionary<ulong, DistinctUsers> _ips = [];
    private readonly Dictionary<ulong, DistinctUsers> _devices = [];
    private readonly Dictionary<ulong, DistinctUsers> _comments = [];
    private readonly Dictionary<(string Campaign, string Creator), (long All, long Authentic)> _creators = [];
    private readonly PodSignal _pods;
    private long _maxTs = long.MinValue;
    private long _sweptAt = long.MinValue;

    public AuthenticityClassifier(AuthenticityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _impressions = new ImpressionLog(options.MaxImpressions);
        _pods = new PodSignal(options, _users, _posts, _impressions);
    }

    /// <summary>Entries held across all tables (impressions, users, posts, identifiers): for checking that memory stays bounded.</summary>
    public long StateSize =>
        _impressions.Count + _users.Count + _posts.Count + _ips.Count + _devices.Count + _comments.Count + _creators.Count + _pods.Count;

    public AuthenticityVerdict Classify(AudienceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _maxTs = Math.Max(_maxTs, e.Ts);
        var userKey = KeyHash.Of(e.UserId);
        var postKey = KeyHash.Post(e.CampaignId, e.CreatorId, e.ContentId);
        var post = Post(postKey, e);
        post.LastSeen = Math.Max(post.LastSeen, e.Ts);
        post.FirstSeen = Math.Min(post.FirstSeen, e.Ts);
        if (e is Impression)
        {
            _impressions.Add(KeyHash.Combine(userKey, postKey), e.Ts);
            return AuthenticityVerdict.Clean;
        }

        var o = _options;
        var user = User(userKey);
        user.LastSeen = Math.Max(user.LastSeen, e.Ts);

        var reasons = 0;
        var clean = 1.0; // Π(1 − wᵢ) over the signals that fire
        void Fire(int bit, double weight)
        {
            reasons |= 1 << bit;
            clean *= 1 - weight;
        }

        user.RecordTime(e.Ts);
        if (user.CountSince(e.Ts - o.BurstWindowMs) >= o.BurstCount)
        {
            Fire(Bit.Burst, o.BurstWeight);
        }

        if (user.IsRegular(e.Ts - o.RegularHistoryMs, o.RegularMinGaps, o.RegularMaxCv))
        {
            Fire(Bit.RegularTiming, o.RegularWeight);
        }

        if (!_impressions.Contains(KeyHash.Combine(userKey, postKey)))
        {
            Fire(Bit.NotShown, o.NotShownWeight);
        }

        if (e.IpHash is { } ip && Identifier(_ips, KeyHash.Of(ip)).Touch(userKey, e.Ts, o.SharedWindowMs) >= o.SharedIpUsers)
        {
            Fire(Bit.SharedIp, o.SharedIpWeight);
        }

        if (e.DeviceId is { } device && Identifier(_devices, KeyHash.Of(device)).Touch(userKey, e.Ts, o.SharedWindowMs) >= o.SharedDeviceUsers)
        {
            Fire(Bit.SharedDevice, o.SharedDeviceWeight);
        }

        if (e is Engagement engagement)
        {
            if (engagement.AccountAgeDays is { } age && age < o.NewAccountDays)
            {
                Fire(Bit.NewAccount, o.NewAccountWeight);
            }

            if (engagement.CommentText is { Length: > 0 } text &&
                Identifier(_comments, KeyHash.Combine(postKey, KeyHash.Of(CommentText.Normalize(text)))).Touch(userKey, e.Ts, o.SharedWindowMs) >= o.CopyPasteAccounts)
            {
                Fire(Bit.CopyPasteComment, o.CopyPasteWeight);
            }

            if (_pods.CoEngaged(user, userKey, post, postKey, e.Ts))
            {
                Fire(Bit.Pod, o.PodWeight);
            }

            if (engagement.CommentText is { Length: > 0 } said && _pods.PodComment(user, userKey, post, e.Ts, postKey, said))
            {
                Fire(Bit.PodComment, o.PodCommentWeight);
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

        // Only the event's own signals raise the account's suspicion, so a carried suspicion fades instead of feeding itself.
        user.RaiseSuspicion(signals, e.Ts, o.SuspicionHalfLifeMs);
        var flagged = suspicion >= o.FlagThreshold;
        post.Count(e.Ts, flagged);
        if (e is Engagement)
        {
            Tally(e.CampaignId, e.CreatorId, !flagged);
        }

        if (flagged)
        {
            user.RecordFlag(e.UserId, reasons, e.CampaignId, e.CreatorId, e.ContentId);
            // A late event within an ended incident's span (a stream catching up, a record held back) is part of it:
            // its alert is updated under the same id instead of a second alert starting in its middle.
            if (post.Incident is null && post.EndedIncident is { } ended
                && e.Ts >= ended.StartMinute && e.Ts <= ended.LastTs + o.IncidentGapMs && e.Ts - ended.FirstTs <= o.MaxIncidentMs)
            {
                post.Incident = ended;
            }

            if (post.Incident is null || e.Ts - post.Incident.FirstTs > o.MaxIncidentMs)
            {
                post.Incident = new PostIncident(e.Ts);
            }

            post.Incident.Add(e.Ts, userKey, reasons);
        }

        return reasons == 0 ? AuthenticityVerdict.Clean : new AuthenticityVerdict(!flagged, Math.Round(suspicion, 4), Codes(reasons));
    }

    /// <summary>Raises the incidents the watermark has made material (<see cref="ReportIncidents"/>), then forgets what is idle past retention (<see cref="Expire"/>).</summary>
    public void Advance(long watermark, long wallClockMs, List<Alert> alerts)
    {
        ReportIncidents(watermark, wallClockMs, alerts);
        Expire(watermark);
    }

    /// <summary>Adds an alert for every post whose incident grew materially since it last alerted; ends incidents quiet for longer than the gap.</summary>
    public void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var raised = new List<Alert>();
        foreach (var post in _posts.Values)
        {
            if (post.Incident is not { } incident)
            {
                continue;
            }

            if (Material(post, incident, out var suspicious, out var all) && suspicious != incident.AlertedSuspicious)
            {
                incident.AlertedSuspicious = suspicious;
                raised.Add(ToAlert(post, incident, suspicious, all, wallClockMs));
            }

            if (watermark - incident.LastTs > _options.IncidentGapMs)
            {
                post.EndedIncident = incident;
                post.Incident = null; // over: the next suspicious event on this post starts a new incident, unless it is late and within this one
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
        // 239 s instead of 39 s with 3,000 creators (docs/benchmarks.md, issue 8).
        var wanted = scopes.ToHashSet();
        var found = new Dictionary<FlagScope, List<FlaggedAccount>>();
        var counts = new Dictionary<FlagScope, int>();
        foreach (var user in _users.Values)
        {
            if (user.FlaggedOn is not { } posts)
            {
                continue;
            }

            counts.Clear();
            foreach (var post in posts)
            {
                Count(new FlagScope(post.CampaignId, null, null), post.Flagged);
                Count(new FlagScope(post.CampaignId, post.CreatorId, null), post.Flagged);
                Count(new FlagScope(post.CampaignId, post.CreatorId, post.ContentId), post.Flagged);
                Count(new FlagScope(post.CampaignId, null, post.ContentId), post.Flagged);
            }

            if (counts.Count == 0)
            {
                continue;
            }

            var reasons = new Dictionary<string, int>();
            for (var bit = 0; bit < user.ReasonCounts!.Length; bit++)
            {
                if (user.ReasonCounts[bit] > 0)
                {
                    reasons[AuthenticityReasons.All[bit]] = user.ReasonCounts[bit];
                }
            }

            var suspicion = Math.Round(user.SuspicionAt(_maxTs, _options.SuspicionHalfLifeMs), 4);
            foreach (var (scope, flagged) in counts)
            {
                if (!found.TryGetValue(scope, out var accounts))
                {
                    found[scope] = accounts = [];
                }

                accounts.Add(new FlaggedAccount(user.UserId!, suspicion, reasons, flagged, user.LastSeen));
            }
        }

        return found.ToDictionary(
            entry => entry.Key,
            entry => (IReadOnlyList<FlaggedAccount>)[.. entry.Value
                .OrderByDescending(a => a.Suspicion)
                .ThenByDescending(a => a.EngagementsFlagged)
                .ThenBy(a => a.AccountId, StringComparer.Ordinal)
                .Take(Math.Max(0, limit))]);

        void Count(FlagScope scope, int flagged)
        {
            if (flagged > 0 && wanted.Contains(scope))
            {
                counts[scope] = counts.GetValueOrDefault(scope) + flagged;
            }
        }
    }

    /// <summary>
    /// A creator's authenticity score: the share of their engagements judged authentic, over everything this
    /// classifier has seen; null when it has seen none. Clicks are not engagements and are not counted.
    /// </summary>
    public double? AuthenticityScore(string campaignId, string creatorId) =>
        _creators.TryGetValue((campaignId, creatorId), out var t) && t.All > 0 ? (double)t.Authentic / t.All : null;

    private static string[] Codes(int reasons)
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
        (all, suspicious) = post.Totals(incident.StartMinute, incident.LastTs);
        return suspicious >= _options.AlertMinSuspicious && suspicious >= _options.AlertMinShare * all;
    }

    private Alert ToAlert(PostState post, PostIncident incident, int suspicious, int all, long wallClockMs)
    {
        var top = new JsonArray();
        foreach (var bit in Enumerable.Range(0, incident.ReasonCounts.Length)
            .Where(b => incident.ReasonCounts[b] > 0)
            .OrderByDescending(b => incident.ReasonCounts[b])
            .ThenBy(b => b)
            .Take(_options.TopReasons))
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
            Evict(_users, _options.MaxUsers, u => u.LastSeen);
            user = new UserState();
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
                _pods.ForgetRemovedPosts();
            }

            post = new PostState(e.CampaignId, e.CreatorId, e.ContentId);
            _posts[key] = post;
            _pods.Published(post, key);
        }

        return post;
    }

    private DistinctUsers Identifier(Dictionary<ulong, DistinctUsers> table, ulong key)
    {
        if (!table.TryGetValue(key, out var users))
        {
            Evict(table, _options.MaxIdentifiers, u => u.LastTs);
            users = new DistinctUsers(_options.MaxUsersPerIdentifier);
            table[key] = users;
        }

        return users;
    }

    private void Tally(string campaignId, string creatorId, bool authentic)
    {
        var key = (campaignId, creatorId);
        if (!_creators.TryGetValue(key, out var t) && _creators.Count >= _options.MaxPosts)
        {
            return; // more creators than posts allowed: stop scoring new ones rather than grow without bound
        }

        _creators[key] = (t.All + 1, t.Authentic + (authentic ? 1 : 0));
    }

    /// <summary>Forgets what has expired in event time (users, posts, identifiers, impressions, old minutes).</summary>
    private void Sweep(long watermark)
    {
        var o = _options;
        _impressions.Expire(watermark - o.ImpressionRetentionMs);
        Remove(_users, u => u.LastSeen < watermark - o.UserRetentionMs);
        foreach (var user in _users.Values)
        {
            user.ForgetPostsBefore(watermark - o.PodHistoryMs);
        }

        Remove(_posts, p => p.LastSeen < watermark - o.PostRetentionMs && p.Incident is null);
        _pods.ForgetRemovedPosts();
        foreach (var post in _posts.Values)
        {
            // An ended incident can be reopened by a late event for as long as one may still arrive (lateness is
            // bounded upstream to an hour, the longest incident): until then its minutes are kept with it.
            if (post.EndedIncident is { } ended && watermark - ended.LastTs > o.IncidentGapMs + o.MaxIncidentMs)
            {
                post.EndedIncident = null;
            }

            var keepFrom = Math.Min(post.Incident?.StartMinute ?? long.MaxValue, post.EndedIncident?.StartMinute ?? long.MaxValue);
            post.ForgetMinutesBefore(Math.Min(keepFrom, watermark - o.MaxIncidentMs));
        }

        Remove(_ips, u => u.LastTs < watermark - o.SharedWindowMs);
        Remove(_devices, u => u.LastTs < watermark - o.SharedWindowMs);
        Remove(_comments, u => u.LastTs < watermark - o.SharedWindowMs);
    }

    private static void Remove<T>(Dictionary<ulong, T> table, Func<T, bool> expired)
    {
        List<ulong>? keys = null;
        foreach (var (key, value) in table)
        {
            if (expired(value))
            {
                (keys ??= []).Add(key);
            }
        }

        keys?.ForEach(k => table.Remove(k));
    }

    /// <summary>At capacity, drops the least recently seen tenth (ties by key, so the result is deterministic). Returns whether it did.</summary>
    private static bool Evict<T>(Dictionary<ulong, T> table, int capacity, Func<T, long> lastSeen)
    {
        if (table.Count < capacity)
        {
            return false;
        }

        var drop = Math.Max(1, capacity / 10);
        foreach (var key in table.OrderBy(p => lastSeen(p.Value)).ThenBy(p => p.Key).Take(drop).Select(p => p.Key).ToList())
        {
            table.Remove(key);
        }

        return true;
    }

    /// <summary>Writes everything the classifier remembers (docs/design.md, "Recovery"), so a restored one judges the next events alike.</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_maxTs);
        writer.Write(_sweptAt);
        _impressions.Save(writer);
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

        _pods.Save(writer);
    }

    /// <summary>Reads into this fresh classifier (same options) what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _maxTs = reader.Long();
        _sweptAt = reader.Long();
        _impressions.Load(reader);
        reader.Into(_users, static r => r.ULong(), UserState.Load);
        reader.Into(_posts, static r => r.ULong(), PostState.Load);
        foreach (var table in new[] { _ips, _devices, _comments })
        {
            reader.Into(table, static r => r.ULong(), r =>
            {
                var users = new DistinctUsers(_options.MaxUsersPerIdentifier);
                users.Load(r);
                return users;
            });
        }

        reader.Into(_creators, static r => (r.String(), r.String()), static r => (r.Long(), r.Long()));
        _pods.Load(reader);
    }
}
