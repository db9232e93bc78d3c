using CreatorStream.Core.Decoding;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// What source tasks made of a batch: for each brand partition the events routed to it (in input order), dead letters
/// (published before anything else, so a record is never lost), and the counts and offsets that go with them. Built by
/// one thread; <see cref="Clear"/> lets a single-threaded caller reuse it (and its collections) for the next batch.
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

        WallClockMs = wallClockMs;
    }

    /// <summary>Per brand partition, the records routed to it, in the order they were read.</summary>
    public List<BrandInput>[] ByPartition { get; }

    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>
    /// For each source partition routed from, the offset of the next record to read: what a source task commits. Kept
    /// here rather than in a <see cref="StateDelta"/>, which makes a dozen collections: a worker routes a batch per
    /// source partition, so one each cost about 20 bytes a record live (docs/design.md, "Per-event cost").
    /// </summary>
    public Dictionary<SourcePartition, long> NextOffsets { get; } = [];

    /// <summary>The batch's dead letters counted by reason.</summary>
    public Dictionary<DeadLetterReason, long> DeadLetterCounts { get; } = [];

    /// <summary>When the batch was formed (ms).</summary>
    public long WallClockMs { get; private set; }

    public void CountDeadLetter(DeadLetterReason reason) =>
        DeadLetterCounts[reason] = DeadLetterCounts.GetValueOrDefault(reason) + 1;

    /// <summary>Empties the output for another batch, keeping the lists' capacity.</summary>
    public void Clear(long wallClockMs)
    {
        foreach (var inputs in ByPartition)
        {
            inputs.Clear();
        }

        DeadLetters.Clear();
        NextOffsets.Clear();
        DeadLetterCounts.Clear();
        WallClockMs = wallClockMs;
    }
}
