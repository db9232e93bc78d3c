using Confluent.Kafka;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// How the consume loop takes a message's key and value out of the Kafka client (docs/design.md, "Per-event cost").
/// Confluent.Kafka 1.9.3 hands a deserializer each one as a span over librdkafka's memory, valid only during the call;
/// its own byte-array deserializer copies each into a new array, which was a record's size in garbage twice per event
/// (its ingest topic, then its brand frame). Lending (<see cref="Lend"/>) copies them instead into chunks kept from batch
/// to batch: a batch's bytes stay valid until <see cref="Reclaim"/>, which the loop calls before it collects the next
/// batch, so whoever reads a batch must be done with its bytes when its <c>OnNext</c> returns, and copy what it keeps
/// (<see cref="Core.Streaming.InboundRecord.Owned"/>, as dead letters and waiting events do). Without lending each
/// key and value is an array of its own. One instance per consumer; used only on its consume thread.
/// </summary>
public sealed class RecordBytes : IDeserializer<ReadOnlyMemory<byte>>
{
    /// <summary>A chunk's size: a few of the brand topic's 64 KiB frames, far more ingest records.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>
    /// Chunks kept once a batch is done, at most 8 MiB (a source batch of 5,000 records of 1 KiB takes 20; a brand batch of
    /// 2 MiB of frames, 9); a larger batch's further chunks are left to the collector.
    /// </summary>
    public const int KeptChunks = 32;

    private readonly List<byte[]> _chunks = [];
    private int _chunk;
    private int _used;

    private RecordBytes(bool lend) => Lends = lend;

    /// <summary>Keys and values copied into chunks reused after <see cref="Reclaim"/>.</summary>
    public static RecordBytes Lend() => new(lend: true);

    /// <summary>Keys and values in arrays of their own (a consumer whose batches outlive the next one).</summary>
    public static RecordBytes Own() => new(lend: false);

    public bool Lends { get; }

    /// <summary>Chunks made so far (for tests: a steady load makes none after its first batches).</summary>
    public int ChunksMade { get; private set; }

    public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull || data.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (!Lends || data.Length > ChunkBytes / 2)
        {
            return data.ToArray(); // an outsize record alone: a chunk of its own would waste the rest
        }

        if (_chunk >= _chunks.Count || _used + data.Length > ChunkBytes)
        {
            if (_chunk < _chunks.Count)
            {
                _chunk++; // this one is full: the next, kept or new
            }

            if (_chunk == _chunks.Count)
            {
                _chunks.Add(new byte[ChunkBytes]);
                ChunksMade++;
            }

            _used = 0;
        }

        var chunk = _chunks[_chunk];
        data.CopyTo(chunk.AsSpan(_used));
        var lent = new ReadOnlyMemory<byte>(chunk, _used, data.Length);
        _used += data.Length;
        return lent;
    }

    /// <summary>Every byte lent so far may be written over: the batch that held them is done.</summary>
    public void Reclaim()
    {
        if (_chunks.Count > KeptChunks)
        {
            _chunks.RemoveRange(KeptChunks, _chunks.Count - KeptChunks);
        }

        (_chunk, _used) = (0, 0);
    }
}
