using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// Visits still going on, assembled from a page's beacons (docs/design.md, "Collector"). The pipeline takes a site
/// session once, when it has ended; a page cannot know which of its loads is the last, so the collector holds each
/// visit and ends it after <c>idle</c> without a beacon (30 minutes, as web analytics count a session), then publishes
/// it. Each beacon carries the visit so far (pages seen, when it started), so the latest one is enough.
/// A visit is held in this process only: a collector that crashes loses its open visits (a stop publishes them), and
/// several collectors need the balancer to keep a visitor on one (by address or by the visitor cookie).
/// Time is the given clock's, so tests drive it. Thread-safe.
/// </summary>
public sealed class OpenSessions(TimeSpan idle, int capacity, TimeProvider clock)
{
    private readonly Dictionary<(string Brand, string SessionId), (SiteSession Visit, long LastMs)> _open = [];
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

    /// <summary>Folds a beacon into its visit; false when the collector already holds as many visits as it may.</summary>
    public bool Touch(SiteSession beacon)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var key = (beacon.BrandId, beacon.SessionId);
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var open))
            {
                if (_open.Count >= capacity)
                {
                    return false;
                }

                _open[key] = (beacon, Math.Max(now, beacon.StartedAt));
                return true;
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
            return true;
        }
    }

    /// <summary>Ends the visits idle for longer than <c>idle</c> (all of them with <paramref name="all"/>), as sessions to publish.</summary>
    public IReadOnlyList<SiteSession> Close(bool all = false)
    {
        var cutoff = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)idle.TotalMilliseconds;
        var ended = new List<SiteSession>();
        lock (_gate)
        {
            foreach (var (key, (visit, last)) in _open)
            {
                if (all || last < cutoff)
                {
                    ended.Add(Ended(visit, last));
                }
            }

            foreach (var session in ended)
            {
                _open.Remove((session.BrandId, session.SessionId));
            }
        }

        return ended;
    }

    /// <summary>
    /// A visit as the session it was: from its start to its last beacon, a bounce when it saw one page. Its event id
    /// names the visit and its start, so publishing it twice (a retry after a failed write) counts it once.
    /// </summary>
    private static SiteSession Ended(SiteSession visit, long lastMs) => visit with
    {
        EventId = $"session-{visit.SessionId}-{visit.StartedAt}",
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
                _open.TryAdd((session.BrandId, session.SessionId), (session with { DurationMs = 0 }, session.Ts));
            }
        }
    }
}
