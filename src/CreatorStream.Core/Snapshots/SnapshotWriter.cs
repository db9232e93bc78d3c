using System.Buffers.Binary;
using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Snapshots;

/// <summary>
/// Writes a task's state as bytes (docs/design.md, "Recovery"): little-endian fixed-size numbers, doubles bit for bit,
/// strings as UTF-8 with a length (−1 for null). Each stateful type writes its own fields in a fixed order and reads them
/// back in the same order (<see cref="SnapshotReader"/>); collections are written in their enumeration order and read
/// back by inserting in that order. Mutable; not thread-safe.
/// </summary>
public sealed class SnapshotWriter
{
    // The bytes so far, in an array of our own rather than a BinaryWriter over a MemoryStream: a number is a store into
    // the array, not a call through the stream per field (a large state writes tens of millions of fields, and the
    // pipeline waits while it does; docs/benchmarks.md, session 40).
    private byte[] _buffer;
    private int _length;

    /// <param name="capacity">Bytes to reserve (the size of the last snapshot): a large state then grows its buffer once, not by doubling.</param>
    public SnapshotWriter(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _buffer = capacity > 0 ? GC.AllocateUninitializedArray<byte>(capacity) : new byte[256];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    public byte[] ToArray()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(_length); // every byte is copied over: no need to clear it first
        _buffer.AsSpan(0, _length).CopyTo(bytes);
        return bytes;
    }

    public void Write(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;

    public void Write(byte value) => Take(1)[0] = value;

    public void Write(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(sizeof(int)), value);

    public void Write(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(sizeof(long)), value);

    public void Write(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(sizeof(ulong)), value);

    public void Write(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(sizeof(double)), value);

    public void Write(string? value)
    {
        if (value is null)
        {
            Write(-1);
            return;
        }

        // Encoded straight into the buffer after room for its length, not into an array of its own: a large state writes
        // millions of ids, and an array each was most of what a snapshot allocated. The bytes are the same: the length,
        // then the UTF-8.
        Reserve(sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), length);
        _length += sizeof(int) + length;
    }

    /// <summary>Two strings, a composite key's parts.</summary>
    public void WritePair(string first, string second)
    {
        Write(first);
        Write(second);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Write(bytes.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    public void Write(long? value)
    {
        Write(value.HasValue);
        if (value is { } v)
        {
            Write(v);
        }
    }

    public void Write(EventIdKey key) => Write(key.ToString());

    public void Write(AggregateKey key)
    {
        Write((byte)key.Scope);
        Write(key.CampaignId);
        Write(key.CreatorId);
        Write(key.ContentId);
        Write((byte)key.Platform);
        Write(key.BucketStart);
    }

    public void Write(in Counters counters)
    {
        Write(counters.Impressions);
        Write(counters.Likes);
        Write(counters.Comments);
        Write(counters.Shares);
        Write(counters.Saves);
        Write(counters.AuthenticEngagements);
        Write(counters.InauthenticEngagements);
        Write(counters.Clicks);
        Write(counters.Conversions);
        Write(counters.Visits);
        Write(counters.DwellClicks);
        Write(counters.DwellMs);
        Write(counters.PagedClicks);
        Write(counters.Pages);
        Write(counters.Bounces);
        Write(counters.FunnelReached);
        Write(counters.FunnelEngaged);
        Write(counters.FunnelClicked);
        Write(counters.FunnelConverted);
        Write(counters.ClickEngagedMs);
        Write(counters.SiteSessions);
        Write(counters.SessionMs);
        Write(counters.SessionPages);
        Write(counters.SessionBounces);
        Write(counters.SessionEngagedMs);
        Write(counters.FunnelLanded);
        Write(counters.InauthenticClicks);
        Write(counters.CommentsPositive);
        Write(counters.CommentsNeutral);
        Write(counters.CommentsNegative);
        Write(counters.CommentsMeaningful);
        Write(counters.BrandMentions);
    }

    /// <summary>A map: its count, then each entry's key and value, in enumeration order.</summary>
    public void Write<TKey, TValue>(IReadOnlyCollection<KeyValuePair<TKey, TValue>> map, Action<SnapshotWriter, TKey> writeKey, Action<SnapshotWriter, TValue> writeValue)
    {
        Write(map.Count);
        foreach (var (key, value) in map)
        {
            writeKey(this, key);
            writeValue(this, value);
        }
    }

    /// <summary>A collection: its count, then each item by <paramref name="write"/>.</summary>
    public void Write<T>(IReadOnlyCollection<T> items, Action<SnapshotWriter, T> write)
    {
        Write(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    /// <summary>As <see cref="Write{T}(IReadOnlyCollection{T}, Action{SnapshotWriter, T})"/>, for items held in a span.</summary>
    public void Write<T>(ReadOnlySpan<T> items, Action<SnapshotWriter, T> write)
    {
        Write(items.Length);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    /// <summary>The next <paramref name="count"/> bytes of the snapshot, to be filled.</summary>
    private Span<byte> Take(int count)
    {
        Reserve(count);
        var taken = _buffer.AsSpan(_length, count);
        _length += count;
        return taken;
    }

    /// <summary>Room for <paramref name="count"/> more bytes: the buffer doubles (or grows to fit) when it lacks it.</summary>
    private void Reserve(int count)
    {
        if ((long)_length + count <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max((long)_buffer.Length * 2, (long)_length + count);
        if (size > Array.MaxLength)
        {
            size = (long)_length + count <= Array.MaxLength
                ? Array.MaxLength
                : throw new InvalidOperationException($"A snapshot cannot pass {Array.MaxLength:N0} bytes: the state is too large to save in one piece");
        }

        var grown = GC.AllocateUninitializedArray<byte>((int)size);
        _buffer.AsSpan(0, _length).CopyTo(grown);
        _buffer = grown;
    }
}
