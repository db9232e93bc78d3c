using CreatorStream.Core.Attribution;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// Each user's recent touchpoints (impressions, engagements, clicks), for attribution (docs/design.md, "Attribution").
/// Journeys are partition-local because ingest topics are keyed by user. Memory is bounded twice: at most
/// <see cref="MaxPerUser"/> touchpoints a user (the oldest go first), and touchpoints older than the longest lookback
/// behind the watermark are evicted. Mutable; not thread-safe.
/// </summary>
public sealed class UserJourneys(TimeSpan horizon)
{
    /// <summary>Touchpoints kept per user: far more than any real journey of one campaign, and a cap on a bot's.</summary>
    public const int MaxPerUser = 200;

    /// <summary>A touchpoint's platform in a snapshot when it has none (restored from a format before 7).</summary>
    private const byte NoPlatform = byte.MaxValue;

    // Arrivals refer to the user's entry (not to the event's own copy of the user id, a string per touch kept for 30
    // days); an entry dropped and made again for the same user is found by its id on eviction, as before.
    private readonly Dictionary<HashedId, UserTouches> _byUser = [];
    private readonly Windows.ChunkedQueue<(UserTouches User, long Ts)> _arrivals = new(); // an entry a touch: chunked, no doubling array
    private readonly TouchArrays _arrays = new();

    public int Users => _byUser.Count;

    /// <summary>Adds a touchpoint; returns the user's id as first stored, one instance per user while it has touchpoints.</summary>
    public string Add(string userId, Touchpoint touchpoint) => Add(HashedId.Of(userId), touchpoint);

    /// <summary>As <see cref="Add(string, Touchpoint)"/>, with the id's hash made already (with the event).</summary>
    internal string Add(HashedId userId, Touchpoint touchpoint)
    {
        ref var user = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byUser, userId, out _);
        user ??= new UserTouches(userId);

        user.Add(touchpoint, MaxPerUser, _arrays);
        _arrivals.Enqueue((user, touchpoint.Ts));
        return user.UserId;
    }

    public IReadOnlyList<Touchpoint> Of(string userId) => Of(HashedId.Of(userId));

    internal IReadOnlyList<Touchpoint> Of(HashedId userId) => _byUser.TryGetValue(userId, out var user) ? user.Touches : [];

    /// <summary>The stored instance of <paramref name="userId"/> while the user has touchpoints, else <paramref name="userId"/> itself.</summary>
    internal HashedId Intern(HashedId userId) => _byUser.TryGetValue(userId, out var user) ? user.Key : userId;

    /// <summary>
    /// Forgets touchpoints no lookback can reach any more (older than the watermark minus the horizon);
    /// <paramref name="forgotten"/> hears of each user left with none.
    /// </summary>
    public void Evict(long watermark, Action<string>? forgotten = null) => Evict(watermark, forgotten, static (forgotten, user) => forgotten?.Invoke(user.Id));

    /// <summary>As <see cref="Evict(long, Action{string})"/>, telling <paramref name="forgotten"/> each user's key.</summary>
    internal void Evict<TState>(long watermark, TState state, Action<TState, HashedId> forgotten)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var cutoff = watermark - (long)horizon.TotalMilliseconds;
        while (_arrivals.TryPeek(out var oldest) && oldest.Ts < cutoff)
        {
            _arrivals.Dequeue();
            if (_byUser.TryGetValue(oldest.User.Key, out var user))
            {
                user.RemoveBefore(cutoff);
                if (user.Count == 0)
                {
                    _byUser.Remove(user.Key);
                    user.Release(_arrays);
                    forgotten(state, user.Key);
                }
            }
        }
    }

    /// <summary>Writes every user's touchpoints and the arrival order eviction follows (by user id: eviction looks users up by id).</summary>
    internal void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_byUser.Count);
        foreach (var user in _byUser.Values)
        {
            writer.Write(user.UserId);
            writer.Write(user.Touches, static (w, t) =>
            {
                w.Write(t.CampaignId);
                w.Write(t.CreatorId);
                w.Write(t.ContentId);
                w.Write(t.Post.Country);
                w.Write(t.Ts);
                w.Write(t.EventKey);
                w.Write((byte)t.Kind);
                w.Write(t.Platform is { } platform ? (byte)platform : NoPlatform);
            });
        }

        writer.Write(_arrivals.Count);
        foreach (var (user, ts) in _arrivals)
        {
            writer.Write(user.UserId);
            writer.Write(ts);
        }
    }

    /// <summary>Reads into these fresh journeys what <see cref="Save"/> wrote; <paramref name="post"/> shares post instances.</summary>
    internal void Load(Snapshots.SnapshotReader reader, Func<string, string, string, string?, SharedPost> post)
    {
        reader.Each(r =>
        {
            var user = new UserTouches(HashedId.Of(r.String()));
            r.Each(t =>
            {
                var touched = post(t.String(), t.String(), t.String(), t.Format >= Dataflow.BrandTask.CountriesFormat ? t.NullableString() : null);
                var (ts, eventKey, kind) = (t.Long(), t.EventIdKey(), (TouchKind)t.Byte());
                Platform? platform = t.Format >= Dataflow.BrandTask.SessionsFormat && t.Byte() is var stored && stored != NoPlatform ? (Platform)stored : null;
                user.Add(new Touchpoint(touched.SourceOf(kind, platform, eventKey), ts, eventKey), MaxPerUser, _arrays);
            });
            _byUser.Add(user.Key, user);
        });
        reader.Each(r =>
        {
            var id = HashedId.Of(r.String());
            _arrivals.Enqueue((_byUser.TryGetValue(id, out var user) ? user : new UserTouches(id), r.Long()));
        });
    }
}
