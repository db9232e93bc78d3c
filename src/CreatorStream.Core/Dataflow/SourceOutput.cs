using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// What source tasks made of a batch: for each brand partition the events routed to it (in input order), dead letters
/// (published before anything else, so a record is never lost), and the counts that go with them. Built by one thread;
/// <see cref="Clear"/> lets a single-threaded caller reuse it (and its lists) for the next batch.
/// </summary>
public sealed class SourceOutput
{
    public SourceOutput(int partitions, long wallClockMs)
    {
        ByPartition = new List<BrandInput>[partitions];
        for (var p = 0; p < partitions; p++)
        {
            ByPartition[p] = [];
        }

        Delta = new StateDelta { WallClockMs = wallClockMs };
    }

    /// <summary>Per brand partition, the records routed to it, in the order they were read.</summary>
    public List<BrandInput>[] ByPartition { get; }

    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>Dead-letter counts by reason and the partitions' next offsets (what a source task commits).</summary>
    public StateDelta Delta { get; private set; }

    /// <summary>Empties the output for another batch, keeping the lists' capacity.</summary>
    public void Clear(long wallClockMs)
    {
        foreach (var inputs in ByPartition)
        {
            inputs.Clear();
        }

        DeadLetters.Clear();
        Delta = new StateDelta { WallClockMs = wallClockMs };
    }
}
