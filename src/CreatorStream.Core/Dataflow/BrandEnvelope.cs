using System.Buffers.Binary;
using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// How <see cref="BrandInput"/>s travel on the brand topic: a record of the topic is a frame of envelopes, each holding
/// one input's provenance and, for an event, the original key and value bytes verbatim (so a dead letter made downstream
/// still carries them). A source stage writes one frame per brand partition and batch, or more when one would pass
/// <see cref="BrandFrame.MaxBytes"/>; per-message costs of the Kafka client and broker are paid per frame, not per
/// record (docs/design.md, "Dataflow"; decision 0034).
/// <code>
/// frame: 2 | i32 count | count × (i32 length | envelope) | zero bytes (padding, possibly none)
/// event:  0 | u8 topic length | topic | i32 partition | i64 offset | i8 type (−1: none) | i64 written at (−1: none) | i32 key length | key | value
/// mark:   1 | u8 topic length | topic | i32 partition | i64 position | i64 watermark | u8 idle
/// packed: 3 | u8 topic length | topic | i32 partition | i64 offset | i8 type | i64 written at (−1: none) | the event's fields
/// </code>
/// An impression, engagement or click handed over decoded (<see cref="BrandInput.Decoded"/>) is written packed, as its
/// fields (<see cref="PackedAudienceEvent"/>; decision 0037): the brand task reads it without parsing JSON again, and
/// never needs its record's bytes. Any other event carries its key and value verbatim. Builds before decision 0037
/// refuse a packed envelope.
/// A record holding one bare envelope (as builds before frames wrote them) is read as a frame of one. A frame may end in
/// zero bytes after its last envelope: a source stage sends each frame in an array kept for its length rounded up
/// (<see cref="BrandFrame.PaddedLength"/>), since the Kafka client sends a whole array and copies it before
/// <c>Produce</c> returns (decision 0035). Builds before that refuse a padded frame: brand stages are upgraded first.
/// Little-endian. Stateless; thread-safe.
/// </summary>
public static class BrandEnvelope
{
    private const byte EventKind = 0;
    private const byte MarkKind = 1;
    internal const byte FrameKind = 2;
    private const byte PackedKind = 3;
    internal const int FrameHeaderBytes = 1 + 4;
    private const int MaxKnownTopics = 16; // the four ingest topics, and room for tests' own
    private const int MarkBytesAfterOrigin = 8 + 8 + 1;
    private const int EventHeaderBytesAfterOrigin = 8 + 1 + 8 + 4;
    private const int PackedHeaderBytesAfterOrigin = 8 + 1 + 8;

    private static (byte[] Utf8, string Name)[] s_topics = [];

    /// <summary>Forgets the topic names found so far (for tests: the names are kept for the process's life).</summary>
    internal static void ForgetTopicNames() => s_topics = [];

    /// <summary>The envelope of one input, alone (a record of the brand topic as builds before frames wrote it).</summary>
    public static byte[] Encode(BrandInput input)
    {
        var bytes = new byte[EncodedLength(input)];
        Write(input, bytes);
        return bytes;
    }

    /// <summary>The bytes <see cref="Write"/> takes for <paramref name="input"/>.</summary>
    public static int EncodedLength(BrandInput input) =>
        input.Mark is { } mark ? OriginLength(mark.Origin.Topic) + MarkBytesAfterOrigin
        : PackedAudienceEvent.Carries(input.Decoded) ? OriginLength(input.Record.Source.Topic) + PackedHeaderBytesAfterOrigin + PackedAudienceEvent.Length((AudienceEvent)input.Decoded!)
        : OriginLength(input.Record.Source.Topic) + EventHeaderBytesAfterOrigin + input.Record.Key.Length + input.Record.Value.Length;

    /// <summary>Writes the envelope of <paramref name="input"/> at the start of <paramref name="span"/>, which has <see cref="EncodedLength"/> bytes or more; returns that length.</summary>
    public static int Write(BrandInput input, Span<byte> span)
    {
        if (input.Mark is { } mark)
        {
            span[0] = MarkKind;
            var at = WriteOrigin(span, mark.Origin);
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], mark.Position);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], mark.Watermark);
            span[at + 16] = mark.Idle ? (byte)1 : (byte)0;
            return at + MarkBytesAfterOrigin;
        }

        var record = input.Record;
        if (PackedAudienceEvent.Carries(input.Decoded))
        {
            var e = (AudienceEvent)input.Decoded!;
            span[0] = PackedKind;
            var p = WriteOrigin(span, record.Source);
            BinaryPrimitives.WriteInt64LittleEndian(span[p..], record.Offset);
            span[p + 8] = (byte)e.Type;
            BinaryPrimitives.WriteInt64LittleEndian(span[(p + 9)..], record.WrittenAtMs ?? -1);
            return p + PackedHeaderBytesAfterOrigin + PackedAudienceEvent.Write(e, span[(p + PackedHeaderBytesAfterOrigin)..]);
        }

        span[0] = EventKind;
        var i = WriteOrigin(span, record.Source);
        BinaryPrimitives.WriteInt64LittleEndian(span[i..], record.Offset);
        span[i + 8] = record.TypeHint is { } type ? (byte)type : byte.MaxValue;
        BinaryPrimitives.WriteInt64LittleEndian(span[(i + 9)..], record.WrittenAtMs ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(span[(i + 17)..], record.Key.Length);
        record.Key.Span.CopyTo(span[(i + 21)..]);
        record.Value.Span.CopyTo(span[(i + 21 + record.Key.Length)..]);
        return i + EventHeaderBytesAfterOrigin + record.Key.Length + record.Value.Length;
    }

    /// <summary>
    /// Appends the inputs of one record of the brand topic (a frame, or one bare envelope) to <paramref name="into"/>, in
    /// the order written; returns how many. Throws <see cref="FormatException"/> on bytes it did not write, and then
    /// appends nothing. The inputs' key and value are slices of <paramref name="value"/>.
    /// </summary>
    public static int DecodeAll(ReadOnlyMemory<byte> value, List<BrandInput> into)
    {
        var span = value.Span;
        if (span.IsEmpty || span[0] != FrameKind)
        {
            into.Add(Decode(value));
            return 1;
        }

        var before = into.Count;
        try
        {
            if (span.Length < FrameHeaderBytes)
            {
                throw new FormatException("a brand-topic frame too short for its header");
            }

            var count = BinaryPrimitives.ReadInt32LittleEndian(span[1..]);
            if (count < 0)
            {
                throw new FormatException("a brand-topic frame with a negative count");
            }

            var at = FrameHeaderBytes;
            for (var i = 0; i < count; i++)
            {
                var length = span.Length - at >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(span[at..]) : -1;
                if (length < 0 || length > span.Length - at - 4)
                {
                    throw new FormatException($"a brand-topic frame whose envelope {i} of {count} runs past its end");
                }

                into.Add(Decode(value.Slice(at + 4, length)));
                at += 4 + length;
            }

            return span[at..].ContainsAnyExcept((byte)0) ? throw new FormatException("a brand-topic frame with bytes other than padding after its last envelope") : count;
        }
        catch (FormatException)
        {
            into.RemoveRange(before, into.Count - before);
            throw;
        }
    }

    /// <summary>Appends the inputs of every record of the brand topic in <paramref name="records"/>, in order (<see cref="DecodeAll(ReadOnlyMemory{byte}, List{BrandInput})"/>).</summary>
    public static void DecodeAll(IReadOnlyList<InboundRecord> records, List<BrandInput> into)
    {
        for (var r = 0; r < records.Count; r++)
        {
            DecodeAll(records[r].Value, into);
        }
    }

    /// <summary>Reads one bare envelope back; throws <see cref="FormatException"/> on bytes it did not write (a frame included: read those with <see cref="DecodeAll(ReadOnlyMemory{byte}, List{BrandInput})"/>).</summary>
    public static BrandInput Decode(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        if (span.Length < 2 || span[0] is not (EventKind or MarkKind or PackedKind) || span.Length < 2 + span[1] + 4)
        {
            throw new FormatException(span.Length > 0 && span[0] == FrameKind ? "a brand-topic frame where one envelope was expected" : "not a brand-topic record");
        }

        var at = 2 + span[1];
        var origin = new SourcePartition(TopicName(span.Slice(2, span[1])), BinaryPrimitives.ReadInt32LittleEndian(span[at..]));
        at += 4;
        if (span[0] == MarkKind)
        {
            return span.Length != at + MarkBytesAfterOrigin
                ? throw new FormatException("a brand-topic mark of the wrong length")
                : BrandInput.Of(new SourceMark(origin, BinaryPrimitives.ReadInt64LittleEndian(span[at..]), BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]), span[at + 16] != 0));
        }

        if (span[0] == PackedKind)
        {
            if (span.Length < at + PackedHeaderBytesAfterOrigin || span[at + 8] is not ((byte)EventType.Impression or (byte)EventType.Engagement or (byte)EventType.Click))
            {
                throw new FormatException("a brand-topic packed event too short for its header, or not an audience event");
            }

            var packedAt = BinaryPrimitives.ReadInt64LittleEndian(span[(at + 9)..]);
            return BrandInput.PackedEvent(new InboundRecord(origin, BinaryPrimitives.ReadInt64LittleEndian(span[at..]), (EventType)span[at + 8], ReadOnlyMemory<byte>.Empty, value[(at + PackedHeaderBytesAfterOrigin)..], packedAt < 0 ? null : packedAt));
        }

        if (span.Length < at + EventHeaderBytesAfterOrigin)
        {
            throw new FormatException("a brand-topic event too short for its header");
        }

        var offset = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        EventType? type = span[at + 8] == byte.MaxValue ? null : (EventType)span[at + 8];
        var writtenAt = BinaryPrimitives.ReadInt64LittleEndian(span[(at + 9)..]);
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 17)..]);
        var start = at + EventHeaderBytesAfterOrigin;
        if (keyLength < 0 || keyLength > span.Length - start)
        {
            throw new FormatException("a brand-topic event whose key runs past its end");
        }

        return BrandInput.Event(new InboundRecord(origin, offset, type, value.Slice(start, keyLength), value[(start + keyLength)..], writtenAt < 0 ? null : writtenAt));
    }

    private static int OriginLength(string topic) => 1 + 1 + Encoding.UTF8.GetByteCount(topic) + 4;

    private static int WriteOrigin(Span<byte> span, SourcePartition origin)
    {
        var length = Encoding.UTF8.GetBytes(origin.Topic, span[2..]);
        span[1] = checked((byte)length);
        BinaryPrimitives.WriteInt32LittleEndian(span[(2 + length)..], origin.Partition);
        return 2 + length + 4;
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
