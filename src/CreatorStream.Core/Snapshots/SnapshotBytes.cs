using System.Runtime.InteropServices;

namespace CreatorStream.Core.Snapshots;

/// <summary>
/// A snapshot's bytes as the writer made them: a sequence of segments (its chunks), read in order, never one array.
/// A million users' state is a gigabyte, and copying it into one array cost a second gigabyte for as long as the commit
/// took (docs/design.md, "Recovery"); a store keeps the segments as they are or writes them out one by one. Immutable:
/// whoever made the segments gives them up.
/// </summary>
public sealed class SnapshotBytes
{
    private readonly ReadOnlyMemory<byte>[] _segments;
    private readonly SnapshotPiece[]? _pieces; // only when some bytes went to the store as they were written

    /// <param name="segments">The bytes in order; empty segments are dropped.</param>
    public SnapshotBytes(IEnumerable<ReadOnlyMemory<byte>> segments)
    {
        _segments = [.. segments.Where(s => !s.IsEmpty)];
        foreach (var segment in _segments)
        {
            Length += segment.Length;
        }
    }

    /// <summary>
    /// The bytes of one array (a small snapshot, or one read back whole): the array is not copied. A source task commits
    /// one of eight bytes a batch, so this makes no more than the one segment's array.
    /// </summary>
    public SnapshotBytes(byte[] bytes)
    {
        _segments = bytes is null or { Length: 0 } ? [] : [bytes]; // none, as empty, like the segments' constructor
        Length = bytes?.Length ?? 0;
    }

    /// <summary>Pieces in memory and in a store (<see cref="ISnapshotSink"/>), in order; empty ones are dropped.</summary>
    public SnapshotBytes(IEnumerable<SnapshotPiece> pieces)
    {
        var kept = pieces.Where(p => p.Length > 0).ToArray();
        if (kept.Any(p => p.Stored is not null))
        {
            _pieces = kept;
            _segments = [];
        }
        else
        {
            _segments = [.. kept.Select(p => p.Bytes)];
        }

        foreach (var piece in kept)
        {
            Length += piece.Length;
        }
    }

    public static SnapshotBytes Empty { get; } = new(Array.Empty<ReadOnlyMemory<byte>>());

    public static implicit operator SnapshotBytes(byte[] bytes) => new(bytes);

    /// <summary>Every byte, in all segments.</summary>
    public long Length { get; }

    /// <summary>Whether some of the bytes are in a store already, not here (<see cref="Pieces"/>): then only that store reads them.</summary>
    public bool HasStoredParts => _pieces is not null;

    /// <summary>The segments in order, none empty.</summary>
    /// <exception cref="InvalidOperationException">Some bytes are in a store (<see cref="HasStoredParts"/>), not here.</exception>
    public IReadOnlyList<ReadOnlyMemory<byte>> Segments =>
        _pieces is null ? _segments : throw new InvalidOperationException("some of this snapshot's bytes went to the store as it was written: read it back from there");

    /// <summary>The pieces in order, none empty: bytes here, and bytes a store took as they were written.</summary>
    public IReadOnlyList<SnapshotPiece> Pieces => _pieces ?? [.. _segments.Select(s => new SnapshotPiece(s, null))];

    /// <summary>
    /// The bytes in arrays of exactly <paramref name="size"/> bytes each, the last one shorter, in order: what a store
    /// that takes only whole arrays sends, in parts of the size it allows. Small segments are joined, so a state of
    /// many small pieces is not many small parts; a segment that is already a whole array of that size is not copied.
    /// </summary>
    public IEnumerable<byte[]> SegmentArrays(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var segments = Segments;
        var left = Length;
        byte[]? part = null;
        var filled = 0;
        foreach (var segment in segments)
        {
            if (filled == 0 && segment.Length == size && WholeArray(segment) is { } whole)
            {
                left -= size;
                yield return whole;
                continue;
            }

            for (var at = 0; at < segment.Length;)
            {
                part ??= GC.AllocateUninitializedArray<byte>((int)Math.Min(size, left)); // every byte is copied over
                var piece = Math.Min(segment.Length - at, part.Length - filled);
                segment.Span.Slice(at, piece).CopyTo(part.AsSpan(filled));
                (at, filled) = (at + piece, filled + piece);
                if (filled == part.Length)
                {
                    left -= filled;
                    yield return part;
                    (part, filled) = (null, 0);
                }
            }
        }
    }

    /// <summary>
    /// Every byte in one array (tests, and small snapshots a store keeps whole): the one array itself when the bytes are
    /// exactly one whole array, else a new one.
    /// </summary>
    /// <exception cref="InvalidOperationException">More bytes than an array holds.</exception>
    public byte[] ToArray()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"a snapshot of {Length:N0} bytes does not fit one array");
        }

        if (Segments is [var only] && WholeArray(only) is { } whole)
        {
            return whole;
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)Length); // every byte is copied over
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Copies every byte, in order, to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        foreach (var segment in Segments)
        {
            segment.Span.CopyTo(destination);
            destination = destination[segment.Length..];
        }
    }

    /// <summary>Whether both hold the same bytes in the same order, wherever their segments split.</summary>
    public bool SameBytes(SnapshotBytes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _ = (Segments, other.Segments); // neither may be in a store
        if (Length != other.Length)
        {
            return false;
        }

        var (mine, theirs) = (0, 0);
        var (myAt, theirAt) = (0, 0);
        while (mine < _segments.Length)
        {
            var a = _segments[mine].Span[myAt..];
            var b = other._segments[theirs].Span[theirAt..];
            var common = Math.Min(a.Length, b.Length);
            if (!a[..common].SequenceEqual(b[..common]))
            {
                return false;
            }

            (myAt, theirAt) = (myAt + common, theirAt + common);
            if (myAt == _segments[mine].Length)
            {
                (mine, myAt) = (mine + 1, 0);
            }

            if (theirAt == other._segments[theirs].Length)
            {
                (theirs, theirAt) = (theirs + 1, 0);
            }
        }

        return true;
    }

    /// <summary>The array <paramref name="segment"/> is, when it is one whole array (which a store may then take as it is).</summary>
    private static byte[]? WholeArray(ReadOnlyMemory<byte> segment) =>
        MemoryMarshal.TryGetArray(segment, out var array) && array.Offset == 0 && array.Count == array.Array!.Length ? array.Array : null;
}
