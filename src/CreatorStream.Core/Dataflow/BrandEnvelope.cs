using System.Buffers.Binary;
using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// How a <see cref="BrandInput"/> travels on the brand topic: one value holding its provenance and, for an event, the
/// original key and value bytes verbatim (so a dead letter made downstream still carries them).
/// <code>
/// event: 0 | u8 topic length | topic | i32 partition | i64 offset | i8 type (−1: none) | i64 written at (−1: none) | i32 key length | key | value
/// mark:  1 | u8 topic length | topic | i32 partition | i64 position | i64 watermark | u8 idle
/// </code>
/// Little-endian. Stateless; thread-safe.
/// </summary>
public static class BrandEnvelope
{
    private const byte EventKind = 0;
    private const byte MarkKind = 1;
    private const int MaxKnownTopics = 16; // the four ingest topics, and room for tests' own

    private static (byte[] Utf8, string Name)[] s_topics = [];

    /// <summary>Forgets the topic names found so far (for tests: the names are kept for the process's life).</summary>
    internal static void ForgetTopicNames() => s_topics = [];

    public static byte[] Encode(BrandInput input)
    {
        if (input.Mark is { } mark)
        {
            var topic = Encoding.UTF8.GetBytes(mark.Origin.Topic);
            var bytes = new byte[1 + 1 + topic.Length + 4 + 8 + 8 + 1];
            var span = bytes.AsSpan();
            span[0] = MarkKind;
            var at = WriteOrigin(span, topic, mark.Origin.Partition);
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], mark.Position);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], mark.Watermark);
            span[at + 16] = mark.Idle ? (byte)1 : (byte)0;
            return bytes;
        }

        var record = input.Record;
        var name = Encoding.UTF8.GetBytes(record.Source.Topic);
        var result = new byte[1 + 1 + name.Length + 4 + 8 + 1 + 8 + 4 + record.Key.Length + record.Value.Length];
        var s = result.AsSpan();
        s[0] = EventKind;
        var i = WriteOrigin(s, name, record.Source.Partition);
        BinaryPrimitives.WriteInt64LittleEndian(s[i..], record.Offset);
        s[i + 8] = record.TypeHint is { } type ? (byte)type : byte.MaxValue;
        BinaryPrimitives.WriteInt64LittleEndian(s[(i + 9)..], record.WrittenAtMs ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(s[(i + 17)..], record.Key.Length);
        record.Key.Span.CopyTo(s[(i + 21)..]);
        record.Value.Span.CopyTo(s[(i + 21 + record.Key.Length)..]);
        return result;
    }

    /// <summary>Reads a record of the brand topic back; throws <see cref="FormatException"/> on bytes it did not write.</summary>
    public static BrandInput Decode(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        if (span.Length < 2 || span[0] > MarkKind || span.Length < 2 + span[1] + 4)
        {
            throw new FormatException("not a brand-topic record");
        }

        var at = 2 + span[1];
        var origin = new SourcePartition(TopicName(span.Slice(2, span[1])), BinaryPrimitives.ReadInt32LittleEndian(span[at..]));
        at += 4;
        if (span[0] == MarkKind)
        {
            return span.Length != at + 17
                ? throw new FormatException("a brand-topic mark of the wrong length")
                : BrandInput.Of(new SourceMark(origin, BinaryPrimitives.ReadInt64LittleEndian(span[at..]), BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]), span[at + 16] != 0));
        }

        if (span.Length < at + 21)
        {
            throw new FormatException("a brand-topic event too short for its header");
        }

        var offset = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        EventType? type = span[at + 8] == byte.MaxValue ? null : (EventType)span[at + 8];
        var writtenAt = BinaryPrimitives.ReadInt64LittleEndian(span[(at + 9)..]);
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 17)..]);
        var start = at + 21;
        if (keyLength < 0 || start + keyLength > span.Length)
        {
            throw new FormatException("a brand-topic event whose key runs past its end");
        }

        return BrandInput.Event(new InboundRecord(origin, offset, type, value.Slice(start, keyLength), value[(start + keyLength)..], writtenAt < 0 ? null : writtenAt));
    }

    private static int WriteOrigin(Span<byte> span, byte[] topic, int partition)
    {
        span[1] = checked((byte)topic.Length);
        topic.CopyTo(span[2..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(2 + topic.Length)..], partition);
        return 2 + topic.Length + 4;
    }

    /// <summary>
    /// The origin topic's name. Names repeat on every record, so each is made once and found again by its bytes (a
    /// string decoded per record was about 1 % of a worker's allocation, docs/benchmarks.md, session 15). The list is
    /// replaced, never changed, so readers on any thread see a whole one; past <see cref="MaxKnownTopics"/> a name is
    /// made per record, as before.
    /// </summary>
    private static string TopicName(ReadOnlySpan<byte> utf8)
    {
        var known = s_topics;
        foreach (var (bytes, name) in known)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return name;
            }
        }

        var topic = Encoding.UTF8.GetString(utf8);
        topic = string.IsInterned(topic) ?? topic;
        if (known.Length < MaxKnownTopics)
        {
            s_topics = [.. known, (utf8.ToArray(), topic)]; // a race may lose an addition: the next record adds it again
        }

        return topic;
    }
}
