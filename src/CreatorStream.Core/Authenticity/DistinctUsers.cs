namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The distinct users seen recently on one identifier (an IP, a device, a pasted comment), each with when they were
/// last seen. Bounded: at most a fixed number of users, the least recently seen dropped first. Most identifiers only
/// ever see one user, so the users sit in an array that starts with room for one and doubles. Mutable; not thread-safe.
/// </summary>
internal sealed class DistinctUsers(int capacity)
{
    private (ulong User, long Ts)[] _users = new (ulong, long)[1];

    /// <summary>Latest event time seen on this identifier.</summary>
    public long LastTs { get; private set; } = long.MinValue;

    public int Count { get; private set; }

    /// <summary>Records <paramref name="user"/> at <paramref name="ts"/> and returns how many distinct users (this one included) were seen within <paramref name="windowMs"/>.</summary>
    public int Touch(ulong user, long ts, long windowMs)
    {
        LastTs = Math.Max(LastTs, ts);
        var since = LastTs - windowMs;
        var found = false;
        var count = 0;
        for (var i = Count - 1; i >= 0; i--)
        {
            var (u, seen) = _users[i];
            if (u == user)
            {
                _users[i] = (u, Math.Max(seen, ts));
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
                RemoveAt(OldestIndex());
                count--;
            }

            if (Count == _users.Length)
            {
                Array.Resize(ref _users, Math.Min(Math.Max(capacity, 1), _users.Length * 2));
            }

            _users[Count++] = (user, ts);
            count++;
        }

        return count;
    }

    private void RemoveAt(int index)
    {
        Count--;
        Array.Copy(_users, index + 1, _users, index, Count - index);
    }

    private int OldestIndex()
    {
        var oldest = 0;
        for (var i = 1; i < Count; i++)
        {
            if (_users[i].Ts < _users[oldest].Ts)
            {
                oldest = i;
            }
        }

        return oldest;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(LastTs);
        writer.Write(Count);
        for (var i = 0; i < Count; i++)
        {
            writer.Write(_users[i].User);
            writer.Write(_users[i].Ts);
        }
    }

    public void Load(Snapshots.SnapshotReader reader)
    {
        LastTs = reader.Long();
        Count = reader.Int();
        _users = new (ulong, long)[Math.Max(1, Count)];
        for (var i = 0; i < Count; i++)
        {
            _users[i] = (reader.ULong(), reader.Long());
        }
    }
}
