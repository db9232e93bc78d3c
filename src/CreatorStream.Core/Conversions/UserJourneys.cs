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

    // Arrivals name the user's record (not the event's own copy of the user id, a string per touch kept for 30 days), by
    // slot: 8 bytes an entry where a reference and a time took 16 (docs/benchmarks.md, session 58). A record dropped and
    // made again for the same user is found by its id on eviction, as before. A record keeps its slot for life, lent
    // records included; a slot is given back only when its record is let go past the spares kept (no user holds it, no
    // arrival names it).
    private readonly JourneyTable _byUser = new(); // the records, by slot, and the users listed now, by id
    private readonly Windows.SlotTimeQueue _arrivals = new(); // an entry a touch: chunked, no doubling array
    private readonly Windows.ArrayShelf<Touchpoint> _arrays = new();
    private readonly Windows.ArrayShelf<string> _pathArrays = new();
    private readonly Stack<UserTouches> _spareUsers = new(); // forgotten records no arrival refers to, for new users

    /// <summary>Forgotten records kept for new users at most: a burst of forgetting beyond it is left to the collector.</summary>
    internal const int MaxSpareUsers = 4_096;

    public int Users => _byUser.Count;

    /// <summary>Hints the cache at the user's record (<see cref="JourneyTable.Prefetch"/>).</summary>
    internal void Prefetch(HashedId userId, int stage) => _byUser.Prefetch(userId, stage);

    /// <summary>Forgotten records kept for new users now (for tests).</summary>
    internal int SpareUsers => _spareUsers.Count;

    /// <summary>Records that hold a slot now: users, records forgotten that arrivals still name, and spares (for tests).</summary>
    internal int RecordSlots => _byUser.RecordSlots;

    /// <summary>Slots ever given out: the table's length in use, which freed slots keep from growing (for tests).</summary>
    internal int SlotsMade => _byUser.SlotsMade;

    /// <summary>The arrays of the open paths' creators: a path grows through them, and gives its array back when it goes.</summary>
    internal Windows.ArrayShelf<string> PathArrays => _pathArrays;

    /// <summary>Adds a touchpoint.</summary>
    public void Add(string userId, Touchpoint touchpoint) => Add(HashedId.Of(userId), touchpoint);

    /// <summary>As <see cref="Add(string, Touchpoint)"/>, with the id's key and hash made already (with the event).</summary>
    internal void Add(HashedId userId, Touchpoint touchpoint)
    {
        var user = Listed(userId);
        user.Add(touchpoint, MaxPerUser, _arrays);
        Enqueue(user, touchpoint.Ts);
    }

    public IReadOnlyList<Touchpoint> Of(string userId) => Of(HashedId.Of(userId));

    internal IReadOnlyList<Touchpoint> Of(HashedId userId) => _byUser.Find(userId) is { } user ? user.Touches : [];

    /// <summary>Open Markov paths held, over every user and campaign.</summary>
    internal int OpenPaths
    {
        get
        {
            var count = 0;
            foreach (var user in _byUser)
            {
                count += user.Paths.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// The user's open path in <paramref name="campaignId"/>, an empty one added when there was none: a reference into the
    /// user's journey record, found by the one lookup that finds the journey. A user with no journey gets a record with
    /// no touches, kept (as its path was in a table of its own before the paths joined the journeys) until a
    /// conversion takes the path or the user's later touches go; a chained event has always been touched first, so
    /// that is a guard, not a path the pipeline takes.
    /// </summary>
    internal ref OpenPath Path(HashedId userId, string campaignId)
    {
        return ref Listed(userId).Paths.GetOrAdd(campaignId);
    }

    /// <summary>Takes the user's open path in <paramref name="campaignId"/> away; false without one.</summary>
    internal bool RemovePath(HashedId userId, string campaignId, out OpenPath path)
    {
        if (_byUser.Find(userId) is { } user)
        {
            var removed = user.Paths.Remove(campaignId, out path);
            if (user.Count == 0 && user.Paths.Count == 0)
            {
                _byUser.Remove(user); // a guard's record with nothing left, as its path's entry went before
                Detach(user);
            }

            return removed;
        }

        path = default;
        return false;
    }

    /// <summary>The user's open path in <paramref name="campaignId"/>, if any (a copy), for tests.</summary>
    internal OpenPath? PathOf(HashedId userId, string campaignId)
    {
        if (_byUser.Find(userId) is not { } user)
        {
            return null;
        }

        ref var path = ref user.Paths.Find(campaignId);
        return System.Runtime.CompilerServices.Unsafe.IsNullRef(ref path) ? null : path;
    }

    /// <summary>
    /// Forgets touchpoints no lookback can reach any more (older than the watermark minus the horizon), and with a user
    /// left with none the user's open paths; <paramref name="forgotten"/> hears of each such user.
    /// </summary>
    public void Evict(long watermark, Action<string>? forgotten = null) => Evict(watermark, forgotten, static (forgotten, user) => forgotten?.Invoke(user.Id.ToString()));

    /// <summary>As <see cref="Evict(long, Action{string})"/>, telling <paramref name="forgotten"/> each user's key.</summary>
    internal void Evict<TState>(long watermark, TState state, Action<TState, HashedId> forgotten)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var cutoff = watermark - (long)horizon.TotalMilliseconds;
        while (_arrivals.TryPeek(out var slot, out var ts) && ts < cutoff)
        {
            _arrivals.Dequeue();
            var record = _byUser[slot];
            record.Arrivals--;
            if (_byUser.Find(record.Key) is { } user)
            {
                // A record with no touches (a path's guard, below) is not this arrival's to forget: it keeps its paths.
                var before = user.Count;
                user.RemoveBefore(cutoff);
                if (before > 0 && user.Count == 0)
                {
                    _byUser.Remove(user);
                    user.Release(_arrays, _pathArrays);
                    forgotten(state, user.Key);
                    Detach(user);
                }
            }

            KeepIfDone(record); // the arrival of a record forgotten earlier (the user's current one is found by id)
        }
    }

    // A record for a new user: a forgotten one if any is kept (users keep coming and going under a sustained rate, and
    // a record each was a twentieth of what the pipeline allocated in steady state, docs/benchmarks.md, session 55).
    private UserTouches NewUser(HashedId userId) => _spareUsers.TryPop(out var spare) ? spare.Reuse(userId) : Slotted(new UserTouches(userId));

    // The user's listed record, a new one listed if the user has none.
    private UserTouches Listed(HashedId userId)
    {
        if (_byUser.Find(userId) is not { } user)
        {
            user = NewUser(userId);
            _byUser.Add(user);
        }

        return user;
    }

    // A new record, given a slot for the arrivals to name it by.
    private UserTouches Slotted(UserTouches record) => _byUser.Slotted(record);

    private void Enqueue(UserTouches user, long ts)
    {
        _arrivals.Enqueue(user.Slot, ts);
        user.Arrivals++;
    }

    // The table let the record go: kept for a new user once no arrival refers to it (the queue reads its key until then).
    private void Detach(UserTouches user)
    {
        user.Detached = true;
        KeepIfDone(user);
    }

    private void KeepIfDone(UserTouches record)
    {
        if (record.Detached && record.Arrivals == 0)
        {
            record.Detached = false; // kept once, however many ways it is reached
            if (_spareUsers.Count < MaxSpareUsers)
            {
                _spareUsers.Push(record); // keeps its slot for the user it is lent to
            }
            else
            {
                _byUser.Free(record); // left to the collector, its slot for the next new record
            }
        }
    }

    /// <summary>
    /// Writes every user's touchpoints and the arrival order eviction follows (snapshot format
    /// <see cref="Dataflow.BrandTask.JourneyTablesFormat"/>): first the posts the touches name, each once, then each user's
    /// id and touches with a post's number in that table, then the arrivals with a user's number in the users' order (or
    /// -1 and the id, for an arrival whose user was forgotten and has left the queue's front behind it). Before that
    /// format each touch wrote its post's three or four ids and each arrival its user's id: about two thirds of the
    /// journeys' bytes, which a snapshot writes inside its batch (docs/benchmarks.md, session 40).
    /// </summary>
    internal void Save(Snapshots.SnapshotWriter writer) => Freeze()(writer);

    /// <summary>
    /// <see cref="Save"/>'s bytes in two steps (decision 0033): copied now, in one walk over the records, are the users'
    /// ids and touches (flat arrays of structs), each slot's number for the arrivals and the ids of the records arrivals
    /// name that are no longer a user's; the arrivals themselves are copied as their queue's blocks. The returned writer
    /// writes them later, on any thread, and reads nothing the journeys change meanwhile. An arrival is mapped to its
    /// user's number by the writer, not here: the copy reads no record per arrival (a random read each; with them the busy
    /// brands' copy took 17–207 ms in a trace, without them 35–64 ms, docs/benchmarks.md, session 63).
    /// </summary>
    internal Action<Snapshots.SnapshotWriter> Freeze() => Freeze(null, null);

    /// <summary>
    /// <see cref="Freeze()"/> and <see cref="FreezePaths"/> in one walk over the records (a walk reads every user's
    /// record, at random places in memory: the paths' own walk, with the count before it, took up to 52 ms of a busy
    /// brand's batch in a trace, docs/benchmarks.md, session 63).
    /// </summary>
    /// <param name="capture">Whose pool lends the copies' arrays until it is finished (<see cref="Snapshots.FrozenArrays{T}"/>).</param>
    /// <param name="paths">The open paths' writer.</param>
    internal Action<Snapshots.SnapshotWriter> FreezeWithPaths(Snapshots.SnapshotCapture capture, out Action<Snapshots.SnapshotWriter> paths)
    {
        var frozen = new FrozenPaths();
        var journeys = Freeze(frozen, capture);
        paths = frozen.Write;
        return journeys;
    }

    private Action<Snapshots.SnapshotWriter> Freeze(FrozenPaths? paths, Snapshots.SnapshotCapture? capture)
    {
        var users = Snapshots.SnapshotCapture.RentOrMake<Events.EventIdKey>(capture, _byUser.Count);
        var ends = Snapshots.SnapshotCapture.RentOrMake<int>(capture, _byUser.Count); // each user's touches end here in the copied touches
        var touches = Snapshots.SnapshotCapture.RentOrMake<Touchpoint>(capture, _arrivals.Count); // an arrival a touch, and forgotten records' arrivals
        var touchCount = 0;
        // Each slot's number for the arrivals: the user's place for the current record of a user with touches, else -1 (a
        // scratch array of the copy's: a field in each record would grow it past 128 bytes). A record with touches is its
        // user's current one: a forgotten record has none.
        var records = _byUser.Records;
        var numbers = Snapshots.SnapshotCapture.RentOrMake<int>(capture, records.Length);
        var forgotten = new Dictionary<int, Events.EventIdKey>(); // by slot: records arrivals name that are no user's now
        var number = 0;
        for (var slot = 0; slot < records.Length; slot++)
        {
            numbers[slot] = -1;
            if (records[slot] is not { } record)
            {
                continue; // a freed slot: no arrival names it
            }

            if (record.Listed)
            {
                users[number] = record.UserId;
                var span = record.TouchSpan;
                if (touchCount + span.Length > touches.Length)
                {
                    // More touches than arrivals (not expected: every touch arrived): a larger array, the copy so far moved.
                    var larger = Snapshots.SnapshotCapture.RentOrMake<Touchpoint>(capture, Math.Max(touches.Length * 2, touchCount + span.Length));
                    touches.AsSpan(0, touchCount).CopyTo(larger);
                    touches = larger;
                }

                span.CopyTo(touches.AsSpan(touchCount));
                touchCount += span.Length;
                ends[number] = touchCount;
                numbers[slot] = record.Count > 0 ? number : -1;
                number++;
                paths?.Add(record);
            }

            if (numbers[slot] < 0 && record.Arrivals > 0)
            {
                forgotten.Add(slot, record.UserId);
            }
        }

        var arrivals = _arrivals.Freeze(capture);
        var listed = number;
        return writer => WriteFrozen(writer, users.AsSpan(0, listed), ends, touches.AsSpan(0, touchCount), arrivals, numbers, forgotten);
    }

    // Format JourneyTablesFormat (see Save): first the posts the touches name, each once, numbered as first met (pooled
    // posts are shared instances: found by reference, not by four strings), while the users are written into a part of
    // their own; the table then goes first and the users' part after it, not copied. One pass over the touches, not a
    // first one for the table alone (a fifth of the journeys' time at a million users, docs/benchmarks.md, session 42).
    private static void WriteFrozen(Snapshots.SnapshotWriter writer, ReadOnlySpan<Events.EventIdKey> users, int[] ends, ReadOnlySpan<Touchpoint> touches, Windows.SlotTimeQueue.Frozen arrivals, int[] numbers, Dictionary<int, Events.EventIdKey> forgotten)
    {
        var posts = new Dictionary<TouchedPost, int>(ReferenceEqualityComparer.Instance);
        var table = new List<TouchedPost>();
        var usersPart = new Snapshots.SnapshotWriter(writer.Remaining, writer.Sink);
        usersPart.Write(users.Length);
        var start = 0;
        for (var i = 0; i < users.Length; i++)
        {
            usersPart.Write(users[i]);
            usersPart.Write(ends[i] - start);
            foreach (ref readonly var touch in touches[start..ends[i]])
            {
                ref var post = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(posts, touch.Post, out var known);
                if (!known)
                {
                    post = table.Count;
                    table.Add(touch.Post);
                }

                usersPart.Write(post);
                usersPart.Write(touch.Ts);
                usersPart.Write(touch.EventKey);
                usersPart.Write((byte)touch.Kind);
                usersPart.Write(touch.Platform is { } platform ? (byte)platform : NoPlatform);
            }

            start = ends[i];
        }

        writer.Write(table, static (w, post) =>
        {
            w.Write(post.CampaignId);
            w.Write(post.CreatorId);
            w.Write(post.ContentId);
            w.Write(post.Country);
        });
        writer.Append(usersPart.ToBytes());

        // Each arrival: its user's number, or -1 and the id of a record no user has now (forgotten, its arrival still queued).
        writer.Write(arrivals.Count);
        foreach (var (slot, ts) in arrivals)
        {
            writer.Write(numbers[slot]);
            if (numbers[slot] < 0)
            {
                writer.Write(forgotten[slot]);
            }

            writer.Write(ts);
        }
    }

    /// <summary>
    /// Writes every open path, keyed by user id and campaign (the layout of the table the paths had before they joined
    /// the journeys), in the journeys' order and each user's paths in order, so a re-save after a load writes the same.
    /// </summary>
    internal void SavePaths(Snapshots.SnapshotWriter writer) => FreezePaths()(writer);

    /// <summary>
    /// <see cref="SavePaths"/>'s bytes in two steps (decision 0033): the paths copied now into flat arrays (a path's
    /// creators change in place as it grows), written later by the returned writer on any thread.
    /// </summary>
    internal Action<Snapshots.SnapshotWriter> FreezePaths()
    {
        var paths = new FrozenPaths();
        foreach (var user in _byUser)
        {
            paths.Add(user);
        }

        return paths.Write;
    }

    // Open paths copied into flat lists, in the order added, for a snapshot written later: a path's creators change in
    // place as it grows.
    private sealed class FrozenPaths
    {
        private readonly List<Events.EventIdKey> _users = [];
        private readonly List<string> _campaigns = [];
        private readonly List<long> _lastTimes = [];
        private readonly List<int> _ends = []; // each path's creators end here in the copied creators
        private readonly List<string> _creators = [];

        public void Add(UserTouches user)
        {
            for (var i = 0; i < user.Paths.Count; i++)
            {
                var (campaign, path) = user.Paths.At(i);
                _users.Add(user.UserId);
                _campaigns.Add(campaign);
                _lastTimes.Add(path.LastTs);
                _creators.AddRange(path.Creators);
                _ends.Add(_creators.Count);
            }
        }

        public void Write(Snapshots.SnapshotWriter writer)
        {
            var creators = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_creators);
            writer.Write(_users.Count);
            var start = 0;
            for (var i = 0; i < _users.Count; i++)
            {
                writer.Write(_users[i]); // the id's bytes, as its string's (a pair of strings before)
                writer.Write(_campaigns[i]);
                writer.Write(_lastTimes[i]);
                writer.Write(creators[start.._ends[i]], static (c, creator) => c.Write(creator));
                start = _ends[i];
            }
        }
    }

    internal void LoadPaths(Snapshots.SnapshotReader reader) => reader.Each(r =>
    {
        ref var path = ref Path(HashedId.Of(r.String()), r.String());
        path.LastTs = r.Long();
        var read = path; // the reader's callback cannot take the reference: filled as a copy, then put back
        r.Each(c => read.Add(c.String()));
        path = read;
    });

    /// <summary>Reads into these fresh journeys what <see cref="Save"/> wrote (or an older format's journeys); <paramref name="post"/> shares post instances.</summary>
    internal void Load(Snapshots.SnapshotReader reader, Func<string, string, string, string?, SharedPost> post)
    {
        if (reader.Format < Dataflow.BrandTask.JourneyTablesFormat)
        {
            LoadWithIds(reader, post);
            return;
        }

        var posts = reader.List(r => post(r.String(), r.String(), r.String(), r.NullableString())).ToArray();
        var users = new UserTouches[reader.Int()];
        for (var i = 0; i < users.Length; i++)
        {
            var user = users[i] = Slotted(new UserTouches(HashedId.Of(reader.String())));
            var touches = reader.Int();
            for (var t = 0; t < touches; t++)
            {
                var touched = posts[reader.Int()];
                var (ts, eventKey, kind) = (reader.Long(), reader.EventIdKey(), (TouchKind)reader.Byte());
                Platform? platform = reader.Byte() is var stored && stored != NoPlatform ? (Platform)stored : null;
                user.Add(new Touchpoint(touched.SourceOf(kind, platform, eventKey), ts, eventKey), MaxPerUser, _arrays);
            }

            _byUser.Add(user);
        }

        reader.Each(r =>
        {
            // An arrival of a forgotten record stays one (eviction finds the user's current record by id either way),
            // so saving again writes it as it was written.
            var number = r.Int();
            var user = number >= 0 ? users[number] : Slotted(new UserTouches(HashedId.Of(r.String())) { Detached = true });
            Enqueue(user, r.Long());
        });
    }

    /// <summary>The journeys of a snapshot before <see cref="Dataflow.BrandTask.JourneyTablesFormat"/>: each touch with its post's ids, each arrival with its user's id.</summary>
    private void LoadWithIds(Snapshots.SnapshotReader reader, Func<string, string, string, string?, SharedPost> post)
    {
        reader.Each(r =>
        {
            var user = Slotted(new UserTouches(HashedId.Of(r.String())));
            r.Each(t =>
            {
                var touched = post(t.String(), t.String(), t.String(), t.Format >= Dataflow.BrandTask.CountriesFormat ? t.NullableString() : null);
                var (ts, eventKey, kind) = (t.Long(), t.EventIdKey(), (TouchKind)t.Byte());
                Platform? platform = t.Format >= Dataflow.BrandTask.SessionsFormat && t.Byte() is var stored && stored != NoPlatform ? (Platform)stored : null;
                user.Add(new Touchpoint(touched.SourceOf(kind, platform, eventKey), ts, eventKey), MaxPerUser, _arrays);
            });
            _byUser.Add(user);
        });
        reader.Each(r =>
        {
            var id = HashedId.Of(r.String());
            Enqueue(_byUser.Find(id) is { } user ? user : Slotted(new UserTouches(id) { Detached = true }), r.Long());
        });
    }
}
