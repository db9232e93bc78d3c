namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The distinct users seen recently on one identifier (an IP, a device, a pasted comment), each with when they were
/// last seen, in the order they came. Bounded: at most a given number of users, the least recently seen dropped first.
/// Most identifiers only ever see one user, so a struct held in its table's entry keeps the first user inline and
/// takes an array (room for two, then doubling) only when a second comes: an identifier of one user is 40 bytes in
/// its entry, no object or array of its own. Change it through a reference to the entry
/// (<see cref="System.Runtime.InteropServices.CollectionsMarshal"/>); a copy changed is a change lost. Mutable; not
/// thread-safe.
/// </summary>
internal struct DistinctUsers
{
    // The users in order: the one inline while _more is null (Count is 0 or 1), else all of them in _more.
    private (ulong User, long Ts) _one;
    private (ulong User, long Ts)[]? _more;

    /// <summary>An identifier that has seen nobody yet.</summary>
    public static DistinctUsers None => new() { LastTs = long.MinValue };

    /// <summary>Latest event time seen on this identifier.</summary>
    public long LastTs { readonly get; private set; }

    public int Count { readonly get; private set; }

    /// <summary>
    /// Records <paramref name="user"/> at <paramref name="ts"/> and returns how many distinct users (this one included)
    /// were seen within <paramref name="windowMs"/>; at most <paramref name="capacity"/> users are kept.
    /// </summary>
    public int Touch(ulong user, long ts, long windowMs, int capacity)
    {
        LastTs = Math.Max(LastTs, ts);
        var since = LastTs - windowMs;
        var users = Users;
        var found = false;
        var count = 0;
        for (var i = Count - 1; i >= 0; i--)
        {
            var (u, seen) = users[i];
            if (u == user)
            {
                users[i] = (u, Math.Max(seen, ts));
                found = true;
                count++;
            }
            else if (seen < since)
            {
                RemoveAt(i);
            }
            else
            {
                count++;
            }
        }

        if (!found)
        {
            if (Count >= capacity)
            {
                // Every user left is within the window (older ones went above), so the one dropped was counted.
                RemoveAt(OldestIndex(Users));
                count--;
            }

            Append((user, ts), capacity);
            count++;
        }

        return count;
    }

    /// <summary>The users in order; valid until the next change.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    private Span<(ulong User, long Ts)> Users =>
        _more is { } more ? more.AsSpan(0, Count) : System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref _one, Count);

    private void Append((ulong User, long Ts) entry, int capacity)
    {
        if (_more is null && Count == 0)
        {
            _one = entry;
            Count = 1;
            return;
        }

        if (_more is null)
        {
            _more = new (ulong, long)[Math.Min(Math.Max(capacity, 1), 2)];
            _more[0] = _one;
            _one = default;
        }
        else if (Count == _more.Length)
        {
            Array.Resize(ref _more, Math.Min(Math.Max(capacity, 1), _more.Length * 2));
        }

        _more[Count++] = entry;
    }

    private void RemoveAt(int index)
    {
        var users = Users;
        users[(index + 1)..].CopyTo(users[index..]);
        users[^1] = default;
        Count--;
    }

    private static int OldestIndex(Span<(ulong User, long Ts)> users)
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

    public readonly void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(LastTs);
        writer.Write(Count);
        var users = _more is { } more ? more.AsSpan(0, Count) : new ReadOnlySpan<(ulong User, long Ts)>(in _one)[..Count];
        foreach (var (user, ts) in users)
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
            loaded.Append((reader.ULong(), reader.Long()), int.MaxValue);
        }

        return loaded;
    }
}
