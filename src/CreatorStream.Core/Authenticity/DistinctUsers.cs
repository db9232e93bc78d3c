namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The distinct users seen recently on one identifier (an IP, a device, a pasted comment), each with when they were
/// last seen, in the order they came. Bounded: at most a given number of users, the least recently seen dropped first.
/// Most identifiers only ever see one user, so a struct held in its table's entry keeps them in an
/// <see cref="InlineList{T}"/> (the one user inline, an array from the second): an identifier of one user costs no
/// object or array of its own. Change it through a reference to the entry
/// (<see cref="System.Runtime.InteropServices.CollectionsMarshal"/>); a copy changed is a change lost. Mutable; not
/// thread-safe.
/// </summary>
internal struct DistinctUsers
{
    private InlineList<(ulong User, long Ts)> _users;

    /// <summary>An identifier that has seen nobody yet.</summary>
    public static DistinctUsers None => new() { LastTs = long.MinValue };

    /// <summary>Latest event time seen on this identifier.</summary>
    public long LastTs { readonly get; private set; }

    public readonly int Count => _users.Count;

    /// <summary>
    /// Records <paramref name="user"/> at <paramref name="ts"/> and returns how many distinct users (this one included)
    /// were seen within <paramref name="windowMs"/>; at most <paramref name="capacity"/> users are kept.
    /// </summary>
    public int Touch(ulong user, long ts, long windowMs, int capacity)
    {
        LastTs = Math.Max(LastTs, ts);
        var since = LastTs - windowMs;
        var found = false;
        var count = 0;
        for (var i = _users.Count - 1; i >= 0; i--)
        {
            var (u, seen) = _users.AsSpan()[i];
            if (u == user)
            {
                _users.Set(i, (u, Math.Max(seen, ts)));
                found = true;
                count++;
            }
            else if (seen < since)
            {
                _users.RemoveAt(i);
            }
            else
            {
                count++;
            }
        }

        if (!found)
        {
            if (_users.Count >= capacity)
            {
                // Every user left is within the window (older ones went above), so the one dropped was counted.
                _users.RemoveAt(OldestIndex(_users.AsSpan()));
                count--;
            }

            _users.Add((user, ts));
            count++;
        }

        return count;
    }

    private static int OldestIndex(ReadOnlySpan<(ulong User, long Ts)> users)
    {
        var oldest = 0;
        for (var i = 1; i < users.Length; i++)
        {
            if (users[i].Ts < users[oldest].Ts)
            {
                oldest = i;
            }
        }

        return oldest;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(LastTs);
        writer.Write(_users.Count);
        foreach (var (user, ts) in _users.AsSpan())
        {
            writer.Write(user);
            writer.Write(ts);
        }
    }

    /// <summary>What <see cref="Save"/> wrote.</summary>
    public static DistinctUsers Load(Snapshots.SnapshotReader reader)
    {
        var loaded = new DistinctUsers { LastTs = reader.Long() };
        var count = reader.Int();
        for (var i = 0; i < count; i++)
        {
            loaded._users.Add((reader.ULong(), reader.Long()));
        }

        return loaded;
    }
}
