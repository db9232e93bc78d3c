using CreatorStream.Core.Streaming;

namespace CreatorStream.Host.Composition;

/// <summary>
/// A batch's records grouped by partition, in the order each partition first appears and each partition's records in
/// batch order, into lists kept from batch to batch and refilled. Made again for every batch (LINQ's groups, then a list
/// per group), the groups were about a tenth of what a worker allocates per record in the live bench: the records are
/// large structs and a batch's arrays of them reach the large-object heap (docs/benchmarks.md, session 15). Filled on
/// the consume thread; the stages' tasks then each read their own list in parallel, which is safe as nothing writes.
/// </summary>
internal sealed class PartitionGroups
{
    private readonly Dictionary<SourcePartition, List<InboundRecord>> _lists = [];
    private readonly List<SourcePartition> _order = [];

    /// <summary>The partitions of the last batch filled, in the order they first appeared in it.</summary>
    public IReadOnlyList<SourcePartition> Partitions => _order;

    /// <summary>The last batch's records of <paramref name="partition"/> (one of <see cref="Partitions"/>), in batch order.</summary>
    public List<InboundRecord> this[SourcePartition partition] => _lists[partition];

    /// <summary>Groups <paramref name="records"/> of the partitions in <paramref name="owned"/>; records of any other partition are left out.</summary>
    public void Fill<TValue>(IReadOnlyList<InboundRecord> records, Dictionary<SourcePartition, TValue> owned)
    {
        foreach (var partition in _order)
        {
            _lists[partition].Clear();
        }

        _order.Clear();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (!owned.ContainsKey(record.Source))
            {
                continue;
            }

            if (!_lists.TryGetValue(record.Source, out var list))
            {
                _lists[record.Source] = list = [];
            }

            if (list.Count == 0)
            {
                _order.Add(record.Source);
            }

            list.Add(record);
        }
    }

    /// <summary>Lets a revoked partition's list go.</summary>
    public void Forget(SourcePartition partition)
    {
        _lists.Remove(partition);
        _order.Remove(partition);
    }
}
