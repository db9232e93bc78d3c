using CreatorStream.Core.Streaming;

namespace CreatorStream.Bench;

/// <summary>
/// When the bench created each record (monotonic timestamp), when its delivery report came back (it is in the ingest
/// log) and which campaign's totals it counts in, by the (partition, offset) the broker's delivery report gave it: the
/// start of every latency the bench reports.
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

    public void AddDelivered(SourcePartition partition, long offset, long createdTimestamp, long loggedTimestamp, short campaign)
    {
        lock (_gate)
        {
            if (!_partitions.TryGetValue(partition, out var entries))
            {
                _partitions[partition] = entries = new Entries(offset);
            }

            entries.Set(offset, createdTimestamp, loggedTimestamp, campaign);
        }

        Interlocked.Increment(ref _delivered);
    }

    public void AddFailed() => Interlocked.Increment(ref _failed);

    /// <summary>Calls <paramref name="visit"/> with every delivered record.</summary>
    public void ForEach(Action<ProducedRecord> visit)
    {
        lock (_gate)
        {
            foreach (var (partition, entries) in _partitions)
            {
                for (var i = 0; i < entries.Created.Count; i++)
                {
                    if (entries.Created[i] != 0)
                    {
                        visit(new ProducedRecord(partition, entries.BaseOffset + i, entries.Created[i], entries.Logged[i], entries.Campaigns[i]));
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

        public List<long> Logged { get; } = [];

        public List<short> Campaigns { get; } = [];

        public void Set(long offset, long created, long logged, short campaign)
        {
            var index = offset - BaseOffset;
            if (index < 0)
            {
                return; // a retried record delivered out of order before the first one seen: one sample fewer, nothing else
            }

            while (Created.Count <= index)
            {
                Created.Add(0);
                Logged.Add(0);
                Campaigns.Add(NoCampaign);
            }

            Created[(int)index] = created;
            Logged[(int)index] = logged;
            Campaigns[(int)index] = campaign;
        }
    }
}

/// <summary>
/// One delivered record: its place in the ingest log, when the bench created it and when its delivery report came back
/// (monotonic timestamps), and its campaign index (<see cref="ProduceLog.NoCampaign"/> for none).
/// </summary>
public readonly record struct ProducedRecord(SourcePartition Partition, long Offset, long Created, long Logged, short Campaign);
