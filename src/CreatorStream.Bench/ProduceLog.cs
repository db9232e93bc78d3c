using CreatorStream.Core.Streaming;

namespace CreatorStream.Bench;

/// <summary>
/// When the bench created each record (monotonic timestamp) and which campaign's totals it counts in, by the
/// (partition, offset) the broker's delivery report gave it: the start of every latency the bench reports.
/// Written on the producer's delivery-report thread, read after the run. Thread-safe.
/// </summary>
public sealed class ProduceLog
{
    /// <summary>The campaign index of a record that counts in no campaign's totals (malformed, duplicate, conversion).</summary>
    public const short NoCampaign = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<SourcePartition, Entries> _partitions = [];
    private long _delivered;
    private long _failed;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public void AddDelivered(SourcePartition partition, long offset, long createdTimestamp, short campaign)
    {
        lock (_gate)
        {
            if (!_partitions.TryGetValue(partition, out var entries))
            {
                _partitions[partition] = entries = new Entries(offset);
            }

            entries.Set(offset, createdTimestamp, campaign);
        }

        Interlocked.Increment(ref _delivered);
    }

    public void AddFailed() => Interlocked.Increment(ref _failed);

    /// <summary>Calls <paramref name="visit"/> with every delivered record: partition, offset, when it was created and its campaign index.</summary>
    public void ForEach(Action<SourcePartition, long, long, short> visit)
    {
        lock (_gate)
        {
            foreach (var (partition, entries) in _partitions)
            {
                for (var i = 0; i < entries.Created.Count; i++)
                {
                    if (entries.Created[i] != 0)
                    {
                        visit(partition, entries.BaseOffset + i, entries.Created[i], entries.Campaigns[i]);
                    }
                }
            }
        }
    }

    /// <summary>One partition's records, indexed by offset from the first one delivered (reports of a partition come in offset order).</summary>
    private sealed class Entries(long baseOffset)
    {
        public long BaseOffset { get; } = baseOffset;

        public List<long> Created { get; } = [];

        public List<short> Campaigns { get; } = [];

        public void Set(long offset, long created, short campaign)
        {
            var index = offset - BaseOffset;
            if (index < 0)
            {
                return; // a retried record delivered out of order before the first one seen: one sample fewer, nothing else
            }

            while (Created.Count <= index)
            {
                Created.Add(0);
                Campaigns.Add(NoCampaign);
            }

            Created[(int)index] = created;
            Campaigns[(int)index] = campaign;
        }
    }
}
