using System.Buffers.Binary;
using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Snapshots;

/// <summary>
/// Reads what <see cref="SnapshotWriter"/> wrote, in the same order, across the segments it was kept in (a value may
/// straddle two). Mutable; not thread-safe.
/// </summary>
/// <exception cref="EndOfStreamException">(From any read.) The bytes end before the value does.</exception>
/// <exception cref="InvalidDataException">(From a string or byte read.) A length no writer writes.</exception>
public sealed class SnapshotReader
{
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> _segments;
    private int _segment; // the segment being read: _current
    private ReadOnlyMemory<byte> _current;
    private int _at; // bytes of _current already read
    private long _left; // bytes not yet read, in all segments
    private byte[] _straddled = new byte[64]; // a value split between segments, put back together

    public SnapshotReader(SnapshotBytes bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _segments = bytes.Segments;
        _left = bytes.Length;
        _current = _segments.Count > 0 ? _segments[0] : ReadOnlyMemory<byte>.Empty;
    }

    public bool AtEnd => _at == _current.Length && _segment >= _segments.Count - 1;

    public bool Bool() => Take(1)[0] != 0;

    public byte Byte() => Take(1)[0];

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public ulong ULong() => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    public string? NullableString()
    {
        var length = Length();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>As <see cref="NullableString()"/>, the pooled instance of an id the decoder shares (a short one: looked up from the stack).</summary>
    internal string? NullableString(Decoding.IdPool ids)
    {
        var length = Length();
        return length < 0 ? null : ids.Get(Take(length));
    }

    public string String() => NullableString() ?? throw new InvalidDataException("a snapshot string is null where a value is required");

    public byte[] Bytes()
    {
        var length = Length();
        return length < 0 ? throw new InvalidDataException("a snapshot byte string has no length") : Take(length).ToArray();
    }

    public long? NullableLong() => Bool() ? Long() : null;

    public EventIdKey EventIdKey() => Events.EventIdKey.Of(String());

    public AggregateKey AggregateKey() =>
        new((AggregateScope)Byte(), String(), String(), String(), (Platform)Byte(), Long());

    /// <summary>
    /// The brand task's snapshot format being read (<see cref="Dataflow.BrandTask.SnapshotFormat"/>): what an older
    /// format did not write is read as absent.
    /// </summary>
    public byte Format { get; set; } = Dataflow.BrandTask.SnapshotFormat;

    public Counters Counters()
    {
        var counters = new Counters
        {
            Impressions = Long(),
            Likes = Long(),
            Comments = Long(),
            Shares = Long(),
            Saves = Long(),
            AuthenticEngagements = Long(),
            InauthenticEngagements = Long(),
            Clicks = Long(),
            Conversions = Long(),
        };
        if (Format >= Dataflow.BrandTask.OutcomesFormat)
        {
            counters.Visits = Long();
            counters.DwellClicks = Long();
            counters.DwellMs = Long();
            counters.PagedClicks = Long();
            counters.Pages = Long();
            counters.Bounces = Long();
            counters.FunnelReached = Long();
            counters.FunnelEngaged = Long();
            counters.FunnelClicked = Long();
            counters.FunnelConverted = Long();
        }

        if (Format >= Dataflow.BrandTask.SessionsFormat)
        {
            counters.ClickEngagedMs = Long();
            counters.SiteSessions = Long();
            counters.SessionMs = Long();
            counters.SessionPages = Long();
            counters.SessionBounces = Long();
            counters.SessionEngagedMs = Long();
            counters.FunnelLanded = Long();
        }

        if (Format >= Dataflow.BrandTask.ClickVerdictsFormat)
        {
            counters.InauthenticClicks = Long();
        }

        if (Format >= Dataflow.BrandTask.SentimentFormat)
        {
            counters.CommentsPositive = Long();
            counters.CommentsNeutral = Long();
            counters.CommentsNegative = Long();
            counters.CommentsMeaningful = Long();
            counters.BrandMentions = Long();
        }

        return counters;
    }

    /// <summary>Reads a collection written by <see cref="SnapshotWriter.Write{T}(IReadOnlyCollection{T}, Action{SnapshotWriter, T})"/>, calling <paramref name="read"/> per item.</summary>
    public void Each(Action<SnapshotReader> read)
    {
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            read(this);
        }
    }

    /// <summary>Reads into <paramref name="map"/> what <see cref="SnapshotWriter.Write{TKey, TValue}(IReadOnlyCollection{KeyValuePair{TKey, TValue}}, Action{SnapshotWriter, TKey}, Action{SnapshotWriter, TValue})"/> wrote, inserting in order.</summary>
    public void Into<TKey, TValue>(IDictionary<TKey, TValue> map, Func<SnapshotReader, TKey> readKey, Func<SnapshotReader, TValue> readValue)
    {
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            var key = readKey(this);
            map.Add(key, readValue(this));
        }
    }

    public List<T> List<T>(Func<SnapshotReader, T> read)
    {
        var count = Int();
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(read(this));
        }

        return list;
    }

    /// <summary>A string's or byte string's length: −1 (null) or more.</summary>
    private int Length() => Int() is var length && length < -1
        ? throw new InvalidDataException($"a snapshot length of {length}")
        : length;

    /// <summary>The next <paramref name="count"/> bytes, valid until the next read.</summary>
    private ReadOnlySpan<byte> Take(int count)
    {
        if (count <= _current.Length - _at) // no sum that a corrupt length could overflow
        {
            var taken = _current.Span.Slice(_at, count);
            (_at, _left) = (_at + count, _left - count);
            return taken;
        }

        return TakeStraddled(count);
    }

    /// <summary>A value that goes on past the current segment: its pieces copied together.</summary>
    private ReadOnlySpan<byte> TakeStraddled(int count)
    {
        if (count > _left) // before making room for it: a corrupt length must not allocate gigabytes
        {
            throw new EndOfStreamException($"the snapshot ends {count - _left} bytes before the end of a value of {count}");
        }

        _left -= count;
        if (_straddled.Length < count)
        {
            _straddled = new byte[Math.Max(count, _straddled.Length * 2)];
        }

        var filled = 0;
        while (filled < count) // the bytes are there (checked above): the segments after this one hold them
        {
            if (_at == _current.Length)
            {
                (_current, _at) = (_segments[++_segment], 0);
            }

            var piece = Math.Min(count - filled, _current.Length - _at);
            _current.Span.Slice(_at, piece).CopyTo(_straddled.AsSpan(filled));
            (_at, filled) = (_at + piece, filled + piece);
        }

        return _straddled.AsSpan(0, count);
    }
}
