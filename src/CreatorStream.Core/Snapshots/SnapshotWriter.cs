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
    // The bytes so far, in chunks of our own rather than a BinaryWriter over a MemoryStream: a number is a store into a
    // chunk, not a call through the stream per field, and a large state grows by chunks, never by copying what it wrote
    // into an array twice the size (a million users' snapshot is a gigabyte: the doublings allocated three times that,
    // in the large object heap, while the pipeline waited; docs/benchmarks.md, session 40). Chunks start small (a quiet
    // task's snapshot is a few kilobytes) and double up to a mebibyte; a chunk is left with unused room at its end when a
    // value does not fit. The chunks are the snapshot (ToBytes): they are handed to the store as they are, never copied
    // into one array.
    private const int FirstChunkBytes = 4_096;
    private const int LargestChunkBytes = 1 << 20;

    private readonly List<ReadOnlyMemory<byte>> _filled = []; // the bytes before _chunk's, in order
    private byte[] _chunk;
    private int _used; // bytes written into _chunk
    private long _filledBytes; // bytes written into the chunks in _filled
    private readonly long _maxBytes;

    /// <param name="maxBytes">
    /// The most the snapshot may take (what the state store keeps of one task): a write that would pass it throws
    /// <see cref="SnapshotTooLargeException"/>, so a state too large to keep costs no more than this to find out.
    /// </param>
    public SnapshotWriter(long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxBytes = maxBytes;
        _chunk = new byte[Math.Min(FirstChunkBytes, _maxBytes)];
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => _filledBytes + _used;

    /// <summary>
    /// The snapshot as the chunks it was written into, not copied: the writer gives them up and must not be written to
    /// again.
    /// </summary>
    public SnapshotBytes ToBytes()
    {
        var bytes = new SnapshotBytes([.. _filled, _chunk.AsMemory(0, _used)]);
        _filled.Clear();
        _chunk = [];
        (_used, _filledBytes) = (0, 0);
        return bytes;
    }

    /// <summary>Every byte written so far, copied into one array of exactly that length (tests, and small states); writing may go on.</summary>
    public byte[] ToArray()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)Length)); // every byte is copied over
        new SnapshotBytes([.. _filled, _chunk.AsMemory(0, _used)]).CopyTo(bytes);
        return bytes;
    }

    /// <summary>The most this writer may take (its limit).</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>The bytes this writer may still take before its limit.</summary>
    public long Remaining => _maxBytes - Length;

    /// <summary>
    /// Puts <paramref name="part"/> (another writer's bytes, given up: see <see cref="ToBytes"/>) after everything written
    /// so far, without copying it; writing goes on after it.
    /// </summary>
    /// <exception cref="SnapshotTooLargeException">The part would take the snapshot past its limit.</exception>
    public void Append(SnapshotBytes part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Length > Remaining)
        {
            throw new SnapshotTooLargeException(_maxBytes);
        }

        var written = _used > 0;
        if (written) // the current chunk ends here: what follows the part starts a new one
        {
            _filled.Add(_chunk.AsMemory(0, _used));
            (_filledBytes, _used) = (_filledBytes + _used, 0);
        }

        _filled.AddRange(part.Segments);
        _filledBytes += part.Length;
        if (written)
        {
            _chunk = new byte[Math.Min(FirstChunkBytes, Remaining)];
        }
    }

    /// <summary>
    /// The bytes <paramref name="write"/> writes into a writer of its own with at most <paramref name="maxBytes"/>: a part
    /// of a snapshot written beside others (<see cref="Append"/>).
    /// </summary>
    public static SnapshotBytes Part(long maxBytes, Action<SnapshotWriter> write)
    {
        var writer = new SnapshotWriter(maxBytes);
        write(writer);
        return writer.ToBytes();
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

        // Encoded straight into the chunk after room for its length, not into an array of its own: a large state writes
        // millions of ids, and an array each was most of what a snapshot allocated. The bytes are the same: the length,
        // then the UTF-8. A string is at most a few kilobytes (ids and texts have limits), so it always fits one chunk.
        Reserve(sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, _chunk.AsSpan(_used + sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(_chunk.AsSpan(_used), length);
        _used += sizeof(int) + length;
    }

    /// <summary>Two strings, a composite key's parts.</summary>
    public void WritePair(string first, string second)
    {
        Write(first);
        Write(second);
    }

    public void Write(ReadOnlySpan<byte> bytes) => Write(bytes, []);

    /// <summary>One byte string of <paramref name="first"/> then <paramref name="second"/>: the bytes of writing them joined.</summary>
    public void Write(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        Write(first.Length + second.Length);
        if (Length + first.Length + second.Length > _maxBytes)
        {
            throw new SnapshotTooLargeException(_maxBytes);
        }

        CopyIn(first);
        CopyIn(second);
    }

    private void CopyIn(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) // a record's bytes (up to a mebibyte) may go on over several chunks: they are copied out in order
        {
            if (_used == _chunk.Length)
            {
                Reserve(1);
            }

            var room = Math.Min(_chunk.Length - _used, bytes.Length);
            bytes[..room].CopyTo(_chunk.AsSpan(_used));
            _used += room;
            bytes = bytes[room..];
        }
    }

    public void Write(long? value)
    {
        Write(value.HasValue);
        if (value is { } v)
        {
            Write(v);
        }
    }

    /// <summary>An id, as <see cref="Write(string)"/> writes its string, without making the string; no id as a null string.</summary>
    public void Write(EventIdKey key)
    {
        if (key.IsNone)
        {
            Write(-1);
            return;
        }

        Reserve(sizeof(int) + key.MaxUtf8Bytes);
        var length = key.WriteUtf8(_chunk.AsSpan(_used + sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(_chunk.AsSpan(_used), length);
        _used += sizeof(int) + length;
    }

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
        var taken = _chunk.AsSpan(_used, count);
        _used += count;
        return taken;
    }

    /// <summary>Room for <paramref name="count"/> more bytes in one piece: a new chunk (twice the last, up to a mebibyte, or the count) when this one lacks it.</summary>
    private void Reserve(int count)
    {
        if (_used + count <= _chunk.Length)
        {
            return;
        }

        if (Length + count > _maxBytes)
        {
            throw new SnapshotTooLargeException(_maxBytes); // found as a chunk fills, so a state far too large stops early
        }

        _filled.Add(_chunk.AsMemory(0, _used));
        _filledBytes += _used;
        // No bigger than the bytes still allowed (at least count: checked above), so what is written never passes the limit.
        _chunk = GC.AllocateUninitializedArray<byte>((int)Math.Max(Math.Min(Math.Min(_chunk.Length * 2, LargestChunkBytes), _maxBytes - Length), count));
        _used = 0;
    }
}
