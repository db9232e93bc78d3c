using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>A batch grouped per partition into lists kept from batch to batch, against the groups LINQ makes.</summary>
public sealed class PartitionGroupsTests
{
    private static readonly SourcePartition A = new("t", 0);
    private static readonly SourcePartition B = new("t", 1);
    private static readonly SourcePartition C = new("u", 0);

    [Fact]
    public void Fill_ABatch_GroupsOwnedPartitionsInFirstSeenOrderAsGroupByDoes()
    {
        var owned = new Dictionary<SourcePartition, int> { [A] = 0, [B] = 0 };
        var batch = Records((B, 10), (A, 3), (C, 1), (B, 11), (A, 4), (B, 12));
        var groups = new PartitionGroups();

        groups.Fill(batch, owned);

        var expected = batch.GroupBy(r => r.Source).Where(g => owned.ContainsKey(g.Key)).ToList();
        Assert.Equal(expected.Select(g => g.Key), groups.Partitions);
        Assert.All(expected, g => Assert.Equal(g.Select(r => r.Offset), groups[g.Key].Select(r => r.Offset)));
    }

    [Fact]
    public void Fill_TheNextBatch_ReusesTheListsAndKeepsNothingOfTheLast()
    {
        var owned = new Dictionary<SourcePartition, int> { [A] = 0, [B] = 0 };
        var groups = new PartitionGroups();
        groups.Fill(Records((A, 1), (B, 1), (A, 2)), owned);
        var listOfA = groups[A];

        groups.Fill(Records((A, 3)), owned);

        Assert.Equal([A], groups.Partitions);
        Assert.Same(listOfA, groups[A]);
        Assert.Equal([3L], groups[A].Select(r => r.Offset));
        Assert.Empty(groups[B]); // emptied, though not among this batch's partitions
    }

    [Fact]
    public void Forget_ARevokedPartition_LeavesItOutOfTheNextFill()
    {
        var owned = new Dictionary<SourcePartition, int> { [A] = 0, [B] = 0 };
        var groups = new PartitionGroups();
        groups.Fill(Records((A, 1), (B, 1)), owned);

        groups.Forget(B);

        Assert.Equal([A], groups.Partitions);
        Assert.Throws<KeyNotFoundException>(() => groups[B]); // its list let go
        owned.Remove(B);
        groups.Fill(Records((B, 2), (A, 2)), owned);
        Assert.Equal([A], groups.Partitions);
        Assert.Equal([2L], groups[A].Select(r => r.Offset));
    }

    [Fact]
    public void Fill_AnEmptyBatch_HasNoPartitions()
    {
        var groups = new PartitionGroups();
        groups.Fill(Records((A, 1)), new Dictionary<SourcePartition, int> { [A] = 0 });

        groups.Fill([], new Dictionary<SourcePartition, int> { [A] = 0 });

        Assert.Empty(groups.Partitions);
    }

    private static List<InboundRecord> Records(params (SourcePartition Partition, long Offset)[] records) =>
        [.. records.Select(r => new InboundRecord(r.Partition, r.Offset, null, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty))];
}
