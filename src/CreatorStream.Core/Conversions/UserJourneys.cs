using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// Each user's recent touchpoints (impressions, engagements, clicks), for attribution (DESIGN.md section 6).
/// Journeys are partition-local because ingest topics are keyed by user. Memory is bounded twice: at most
/// <see cref="MaxPerUser"/> touchpoints a user (the oldest go first), and touchpoints older than the longest lookback
/// behind the watermark are evicted. Mutable; not thread-safe.
/// </summary>
public sealed class UserJourneys(TimeSpan horizon)
{
    /// <summary>Touchpoints kept per user: far more than any real journey of one campaign, and a cap on a bot's.</summary>
    public const int MaxPerUser = 200;

    private readonly Dictionary<string, List<Touchpoint>> _byUser = new(StringComparer.Ordinal);
    private readonly Queue<(string UserId, long Ts)> _arrivals = new();

    public int Users => _byUser.Count;

    public void Add(string userId, Touchpoint touchpoint)
    {
        if (!_byUser.TryGetValue(userId, out var touches))
        {
            touches = [];
            _byUser.Add(userId, touches);
        }

        if (touches.Count == MaxPerUser)
        {
            touches.RemoveAt(0);
        }

        touches.Add(touchpoint);
        _arrivals.Enqueue((userId, touchpoint.Ts));
    }

    public IReadOnlyList<Touchpoint> Of(string userId) => _byUser.TryGetValue(userId, out var touches) ? touches : [];

    /// <summary>Forgets touchpoints no lookback can reach any more (older than the watermark minus the horizon).</summary>
    public void Evict(long watermark)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var cutoff = watermark - (long)horizon.TotalMilliseconds;
        while (_arrivals.TryPeek(out var oldest) && oldest.Ts < cutoff)
        {
            _arrivals.Dequeue();
            if (_byUser.TryGetValue(oldest.UserId, out var touches))
            {
                touches.RemoveAll(t => t.Ts < cutoff);
                if (touches.Count == 0)
                {
                    _byUser.Remove(oldest.UserId);
                }
            }
        }
    }
}
