using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// One record of a brand partition: an event routed by a source task (its original record, whose source and offset
/// are the ingest partition and offset it came from, and, in process, the event already decoded), or a source's
/// <see cref="SourceMark"/>. Immutable.
/// </summary>
public readonly record struct BrandInput
{
    private BrandInput(InboundRecord record, StreamEvent? decoded, SourceMark? mark, bool packed = false)
    {
        Record = record;
        Decoded = decoded;
        Mark = mark;
        Packed = packed;
    }

    /// <summary>The routed record (default for a mark).</summary>
    public InboundRecord Record { get; }

    /// <summary>The event, when the source task handed it over in process (null when it came over Kafka as bytes).</summary>
    public StreamEvent? Decoded { get; }

    /// <summary>The mark, for a mark.</summary>
    public SourceMark? Mark { get; }

    /// <summary>
    /// Whether the record's value is an audience event as its source task decoded it (<see cref="PackedAudienceEvent"/>,
    /// of the record's <see cref="InboundRecord.TypeHint"/>), not the JSON it was written as.
    /// </summary>
    public bool Packed { get; }

    public static BrandInput Event(InboundRecord record, StreamEvent? decoded = null) => new(record, decoded, null);

    /// <summary>An audience event read from the brand topic in its packed form.</summary>
    internal static BrandInput PackedEvent(InboundRecord record) => new(record, null, null, packed: true);

    public static BrandInput Of(SourceMark mark) => new(default, null, mark);
}
