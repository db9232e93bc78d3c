using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>What became of a beacon.</summary>
public enum VisitTouch
{
    /// <summary>Folded into its visit (a new one, or one going on).</summary>
    Held,

    /// <summary>Its brand holds as many open visits as it may: not held (the batch's events are written anyway).</summary>
    Full,

    /// <summary>Its visit has ended and been written: a late beacon (a tab left open past the idle time), not held.</summary>
    Ended,
}

/// <summary>
/// Visits still going on, assembled from a page's beacons (docs/design.md, "Collector"). The pipeline takes a site
/// session once, when it has ended; a page cannot know which of its loads is the last, so the collector holds each
/// visit and ends it after <c>idle</c> without a beacon (30 minutes, as web analytics and the site snippet count a
/// session), then publishes it. Each beacon carries the visit so far (pages seen), so the latest one is enough; the
/// first names the visit (its event id). A visit that has ended is remembered for a day, and a beacon for it is not
/// made into a second one. Open visits are bounded per brand, so one site cannot fill the collector for the others.
/// A visit is held in this process only: a collector that crashes loses its open visits (a stop publishes them), and
/// several collectors need the balancer to keep a visitor on one (by address or by the visitor cookie).
/// Time is the given clock's, so tests drive it. Thread-safe.
/// </summary>
public sealed class OpenSessions(TimeSpan idle, int capacityPerBrand, TimeProvider clock)
{
    private static readonly TimeSpan EndedMemory = TimeSpan.FromHours(24);

    /// <summary>At most this many ended visits are remembered (the oldest are forgotten first).</summary>
    private const int EndedCapacity = 1_000_000;

    private readonly Dictionary<(string Brand, string SessionId), (SiteSession Visit, long LastMs)> _open = [];
    private readonly Dictionary<string, int> _openPerBrand = new(StringComparer.Ordinal);
    private readonly HashSet<(string Brand, string SessionId)> _ended = [];
    private readonly Queue<((string Brand, string SessionId) Key, long At)> _endedOrder = new();
    private readonly Lock _gate = new();

    public TimeSpan Idle => idle;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Folds a beacon into its visit (see <see cref="VisitTouch"/>).</summary>
    public VisitTouch Touch(SiteSession beacon)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var key = (beacon.BrandId, beacon.SessionId);
        lock (_gate)
        {
            ForgetEnded(now);
            if (!_open.TryGetValue(key, out var open))
            {
                if (_ended.Contains(key))
                {
                    return VisitTouch.Ended;
                }

                if (_openPerBrand.GetValueOrDefault(beacon.BrandId) >= capacityPerBrand)
                {
                    return VisitTouch.Full;
                }

                _open[key] = (beacon, Math.Max(now, beacon.StartedAt));
                _openPerBrand[beacon.BrandId] = _openPerBrand.GetValueOrDefault(beacon.BrandId) + 1;
                return VisitTouch.Held;
            }

            var visit = open.Visit;
            _open[key] = (visit with
            {
                StartedAt = Math.Min(visit.StartedAt, beacon.StartedAt),
                Pageviews = Math.Max(visit.Pageviews, beacon.Pageviews),
                ClickEventId = visit.ClickEventId ?? beacon.ClickEventId,
                LinkId = visit.LinkId ?? beacon.LinkId,
                UtmSource = visit.UtmSource ?? beacon.UtmSource,
                UtmMedium = visit.UtmMedium ?? beacon.UtmMedium,
                UtmCampaign = visit.UtmCampaign ?? beacon.UtmCampaign,
                UtmContent = visit.UtmContent ?? beacon.UtmContent,
                ReferrerClass = visit.ReferrerClass ?? beacon.ReferrerClass,
            }, Math.Max(open.LastMs, now));
            return VisitTouch.Held;
        }
    }

    /// <summary>Ends the visits idle for longer than <c>idle</c> (all of them with <paramref name="all"/>), as sessions to publish.</summary>
    public IReadOnlyList<SiteSession> Close(bool all = false)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)idle.TotalMilliseconds;
        var ended = new List<SiteSession>();
        lock (_gate)
        {
            foreach (var (_, (visit, last)) in _open)
            {
                if (all || last < cutoff)
                {
                    ended.Add(Ended(visit, last));
                }
            }

            foreach (var session in ended)
            {
                var key = (session.BrandId, session.SessionId);
                _open.Remove(key);
                _openPerBrand[session.BrandId]--;
                if (_ended.Add(key))
                {
                    _endedOrder.Enqueue((key, now));
                }
            }

            ForgetEnded(now);
        }

        return ended;
    }

    /// <summary>
    /// A visit as the session it was: from its first beacon to its last, a bounce when it saw one page, under the id its
    /// first beacon gave it, so publishing it twice (a retry after a failed write) counts it once.
    /// </summary>
    private static SiteSession Ended(SiteSession visit, long lastMs) => visit with
    {
        Ts = lastMs,
        DurationMs = Math.Max(0, lastMs - visit.StartedAt),
        Bounced = visit.Pageviews <= 1,
    };

    /// <summary>Puts back visits whose publishing failed, to be published at the next round.</summary>
    public void Restore(IEnumerable<SiteSession> sessions)
    {
        lock (_gate)
        {
            foreach (var session in sessions)
            {
                var key = (session.BrandId, session.SessionId);
                _ended.Remove(key); // its entry in the order queue is skipped when it comes up
                if (_open.TryAdd(key, (session with { DurationMs = 0 }, session.Ts)))
                {
                    _openPerBrand[session.BrandId] = _openPerBrand.GetValueOrDefault(session.BrandId) + 1;
                }
            }
        }
    }

    private void ForgetEnded(long now)
    {
        var oldest = now - (long)EndedMemory.TotalMilliseconds;
        while (_endedOrder.TryPeek(out var first) && (first.At < oldest || _endedOrder.Count > EndedCapacity))
        {
            _endedOrder.Dequeue();
            if (!_open.ContainsKey(first.Key))
            {
                _ended.Remove(first.Key);
            }
        }
    }
}
