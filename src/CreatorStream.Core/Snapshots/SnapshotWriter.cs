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
    // task's snapshot is a few kilobytes) and double up to a mebibyte; each is filled to its last byte (a value that
    // meets its end is written apart and copied over it). The chunks are the snapshot (ToBytes): they are handed to the store as they are, never copied
    // into one array. With a sink (the store's), each full-size chunk goes to the store as it fills and its array is
    // written again, so a large state is never whole in memory beside itself (docs/design.md, "Recovery").
    private const int FirstChunkBytes = 4_096;
    private const int LargestChunkBytes = 1 << 20;

    private readonly List<SnapshotPiece> _filled = []; // the bytes before _chunk's, in order
    private byte[] _chunk;
    private int _used; // bytes written into _chunk
    private long _filledBytes; // bytes written into the chunks in _filled
    private readonly long _maxBytes;

    /// <param name="sink">Where full chunks go as they fill (a store's); null keeps every byte here.</param>
    /// <param name="maxBytes">
    /// The most the snapshot may take (what the state store keeps of one task): a write that would pass it throws
    /// <see cref="SnapshotTooLargeException"/>, so a state too large to keep costs no more than this to find out.
    /// </param>
    public SnapshotWriter(long maxBytes = long.MaxValue, ISnapshotSink? sink = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxBytes = maxBytes;
        Sink = sink;
        _chunk = new byte[Math.Min(FirstChunkBytes, _maxBytes)];
    }

    /// <summary>Where this writer's full chunks go as they fill; null when every byte stays here.</summary>
    public ISnapshotSink? Sink { get; }

    /// <summary>Bytes written so far.</summary>
    public long Length => _filledBytes + _used;

    /// <summary>
    /// The snapshot as the chunks it was written into, not copied: the writer gives them up and must not be written to
    /// again.
    /// </summary>
    public SnapshotBytes ToBytes()
    {
        var bytes = new SnapshotBytes([.. _filled, new SnapshotPiece(_chunk.AsMemory(0, _used), null)]);
        _filled.Clear();
        _chunk = [];
        (_used, _filledBytes) = (0, 0);
        return bytes;
    }

    /// <summary>Every byte written so far, copied into one array of exactly that length (tests, and small states); writing may go on.</summary>
    public byte[] ToArray()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)Length)); // every byte is copied over
        new SnapshotBytes([.. _filled, new SnapshotPiece(_chunk.AsMemory(0, _used), null)]).CopyTo(bytes);
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
            _filled.Add(new SnapshotPiece(_chunk.AsMemory(0, _used), null));
            (_filledBytes, _used) = (_filledBytes + _used, 0);
        }

        _filled.AddRange(part.Pieces);
        _filledBytes += part.Length;
        if (written)
        {
            _chunk = new byte[Math.Min(FirstChunkBytes, Remaining)];
        }
    }

    /// <summary>
    /// The bytes <paramref name="write"/> writes into a writer of its own with at most <paramref name="maxBytes"/>: a part
    /// of a snapshot written beside others (<see cref="Append"/>), its full chunks going to <paramref name="sink"/> as
    /// the snapshot's do.
    /// </summary>
    public static SnapshotBytes Part(long maxBytes, ISnapshotSink? sink, Action<SnapshotWriter> write)
    {
        var writer = new SnapshotWriter(maxBytes, sink);
        write(writer);
        return writer.ToBytes();
    }

    // Each value goes straight into the chunk when it has room, else it is written apart and copied in over the chunk's
    // end (Spill): chunks are filled to their last byte, so each full-size chunk is a whole part for a sink, of one size.
    public void Write(bool value) => Write(value ? (byte)1 : (byte)0);

    public void Write(byte value)
    {
        if (_used < _chunk.Length)
        {
            _chunk[_used++] = value;
            return;
        }

        Spill([value]);
    }

    public void Write(int value) => WriteLittleEndian((uint)value, sizeof(int));

    public void Write(long value) => WriteLittleEndian((ulong)value, sizeof(long));

    public void Write(ulong value) => WriteLittleEndian(value, sizeof(ulong));

    public void Write(double value) => WriteLittleEndian(BitConverter.DoubleToUInt64Bits(value), sizeof(double)); // its bits, as BinaryWriter writes it

    public void Write(string? value)
    {
        if (value is null)
        {
            Write(-1);
            return;
        }

        // Encoded straight into the chunk after room for its length, not into an array of its own: a large state writes
        // millions of ids, and an array each was most of what a snapshot allocated. The bytes are the same: the length,
        // then the UTF-8. Room is judged by the most the string can take, or its exact count when that does not fit.
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        WriteEncoded(value, _chunk.Length - _used >= sizeof(int) + most ? most : Encoding.UTF8.GetByteCount(value), static (text, destination) => Encoding.UTF8.GetBytes(text, destination));
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
                NextChunk();
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

        WriteEncoded(key, key.MaxUtf8Bytes, static (id, destination) => id.WriteUtf8(destination));
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

    // A number's little-endian bytes (the low size bytes of its 64 bits): straight into the chunk when it has room for all
    // 64 (those past size are written over next), else written apart and copied over the chunk's end.
    private void WriteLittleEndian(ulong bits, int size)
    {
        if (_chunk.Length - _used >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_chunk.AsSpan(_used), bits);
            _used += size;
            return;
        }

        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, bits);
        Spill(bytes[..size]);
    }

    // Text as its length and bytes: encoded straight into the chunk after room for the length when it has room for
    // maxBytes, else encoded apart and copied over the chunk's end.
    private void WriteEncoded<T>(T value, int maxBytes, Func<T, Span<byte>, int> encode)
    {
        if (_chunk.Length - _used >= sizeof(int) + maxBytes)
        {
            var length = encode(value, _chunk.AsSpan(_used + sizeof(int)));
            BinaryPrimitives.WriteInt32LittleEndian(_chunk.AsSpan(_used), length);
            _used += sizeof(int) + length;
            return;
        }

        var apart = System.Buffers.ArrayPool<byte>.Shared.Rent(sizeof(int) + maxBytes);
        var written = encode(value, apart.AsSpan(sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(apart, written);
        Spill(apart.AsSpan(0, sizeof(int) + written));
        System.Buffers.ArrayPool<byte>.Shared.Return(apart);
    }

    /// <summary>A value written apart because it meets the chunk's end: copied in over it, into the next chunk.</summary>
    private void Spill(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _maxBytes)
        {
            throw new SnapshotTooLargeException(_maxBytes);
        }

        CopyIn(bytes);
    }

    /// <summary>The chunk is full: the next one (twice the last, up to a mebibyte; a full-size one goes to the sink, if any, and its array is written again).</summary>
    private void NextChunk()
    {
        if (Length >= _maxBytes)
        {
            throw new SnapshotTooLargeException(_maxBytes); // found as a chunk fills, so a state far too large stops early
        }

        if (Sink is not null && _chunk.Length == LargestChunkBytes)
        {
            // A full-size chunk goes to the store now, whole, and its array takes the next bytes, as long as the limit
            // leaves room for a whole one (the limit is checked only as a chunk fills).
            _filled.Add(new SnapshotPiece(default, Sink.Store(_chunk.AsSpan(0, _used))));
            (_filledBytes, _used) = (_filledBytes + _used, 0);
            if (_maxBytes - Length < _chunk.Length)
            {
                _chunk = GC.AllocateUninitializedArray<byte>((int)(_maxBytes - Length));
            }

            return;
        }

        _filled.Add(new SnapshotPiece(_chunk.AsMemory(0, _used), null));
        (_filledBytes, _used) = (_filledBytes + _used, 0);
        // No bigger than the bytes still allowed, so what is written never passes the limit unnoticed.
        _chunk = GC.AllocateUninitializedArray<byte>((int)Math.Min(Math.Min(Math.Max(_chunk.Length * 2L, FirstChunkBytes), LargestChunkBytes), _maxBytes - Length));
    }
}
