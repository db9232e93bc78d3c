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
    private readonly MemoryStream _stream;
    private readonly BinaryWriter _writer;

    /// <param name="capacity">Bytes to reserve (the size of the last snapshot): a large state then grows its buffer once, not by doubling.</param>
    public SnapshotWriter(int capacity = 0)
    {
        _stream = new MemoryStream(capacity);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
    }

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }

    public void Write(bool value) => _writer.Write(value);

    public void Write(byte value) => _writer.Write(value);

    public void Write(int value) => _writer.Write(value);

    public void Write(long value) => _writer.Write(value);

    public void Write(ulong value) => _writer.Write(value);

    public void Write(double value) => _writer.Write(value);

    public void Write(string? value)
    {
        if (value is null)
        {
            _writer.Write(-1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    /// <summary>Two strings, a composite key's parts.</summary>
    public void WritePair(string first, string second)
    {
        Write(first);
        Write(second);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
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
}
