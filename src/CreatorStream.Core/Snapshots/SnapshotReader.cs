using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Snapshots;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, in the same order. Mutable; not thread-safe.</summary>
public sealed class SnapshotReader(byte[] bytes)
{
    private readonly BinaryReader _reader = new(new MemoryStream(bytes, writable: false), Encoding.UTF8);

    public bool AtEnd => _reader.BaseStream.Position == _reader.BaseStream.Length;

    public bool Bool() => _reader.ReadBoolean();

    public byte Byte() => _reader.ReadByte();

    public int Int() => _reader.ReadInt32();

    public long Long() => _reader.ReadInt64();

    public ulong ULong() => _reader.ReadUInt64();

    public double Double() => _reader.ReadDouble();

    public string? NullableString()
    {
        var length = _reader.ReadInt32();
        return length < 0 ? null : Encoding.UTF8.GetString(_reader.ReadBytes(length));
    }

    public string String() => NullableString() ?? throw new InvalidDataException("a snapshot string is null where a value is required");

    public byte[] Bytes() => _reader.ReadBytes(_reader.ReadInt32());

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
}
