using System.Collections.Concurrent;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// The buffers a replay's batches are made of, handed back when a batch is done with them and lent to a later batch:
/// each batch's list of records, the blocks its lines' bytes are copied into (<see cref="LineBlocks"/>), its decodings,
/// and the source stage's lists per brand partition. At 4,096 records a
/// batch, each is large enough for the large object heap, so one new per batch cost about a sixth of the bytes replay allocated and
/// kept the collector doing full collections (docs/design.md, "Per-event cost"). Holds no more of each than there are
/// batches in flight at once. Thread-safe: batches are read, decoded, routed and processed on different threads.
/// </summary>
public sealed class BatchRecycler(int batchSize)
{
    private readonly ConcurrentQueue<List<InboundRecord>> _records = new();
    private readonly ConcurrentQueue<DecodeResult[]> _decodings = new();
    private readonly ConcurrentQueue<SourceOutput> _outputs = new();
    private readonly ConcurrentQueue<byte[]> _blocks = new();

    /// <summary>An empty list for a batch's records.</summary>
    public List<InboundRecord> Records() => _records.TryDequeue(out var list) ? list : new List<InboundRecord>(batchSize);

    /// <summary>Empty blocks for a batch's line bytes, given back when the batch's <see cref="RoutedBatch"/> is <see cref="Processed"/>.</summary>
    public LineBlocks Lines() => new(_blocks);

    /// <summary>Blocks given back and not lent again yet.</summary>
    public int FreeBlocks => _blocks.Count;

    /// <summary>An array for the decodings of a batch of <paramref name="count"/> records (its length is exactly that).</summary>
    public DecodeResult[] Decodings(int count) =>
        count == batchSize && _decodings.TryDequeue(out var decodings) ? decodings : new DecodeResult[count];

    /// <summary>An empty source output for <paramref name="partitions"/> brand partitions.</summary>
    public SourceOutput Output(int partitions, long wallClockMs)
    {
        if (_outputs.TryDequeue(out var output) && output.ByPartition.Length == partitions)
        {
            output.Clear(wallClockMs);
            return output;
        }

        return new SourceOutput(partitions, wallClockMs);
    }

    /// <summary>
    /// A batch has been routed: its records and decodings are no longer read (dead letters hold copies). The recycler takes
    /// the batch's list and array as its own: whoever made the batch must not keep them.
    /// </summary>
    public void Routed(DecodedBatch batch)
    {
        if (batch.Batch.Records is List<InboundRecord> records)
        {
            records.Clear();
            _records.Enqueue(records);
        }

        if (batch.Decoded.Length == batchSize)
        {
            Array.Clear(batch.Decoded);
            _decodings.Enqueue(batch.Decoded);
        }
    }

    /// <summary>Every brand partition has processed a routed batch: its lists and its records' bytes are no longer read.</summary>
    public void Processed(RoutedBatch batch)
    {
        batch.Buffers?.Dispose();
        batch.Sources.Clear(batch.WallClockMs); // its events go now, not when a later batch takes the lists
        _outputs.Enqueue(batch.Sources);
    }
}
