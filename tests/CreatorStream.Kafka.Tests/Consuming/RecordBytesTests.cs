using System.Runtime.InteropServices;
using Confluent.Kafka;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Kafka.Tests.Consuming;

/// <summary>
/// Keys and values lent from chunks kept from batch to batch (<see cref="RecordBytes"/>): every value reads back as
/// given until the batch is reclaimed, the next batch writes over the same chunks, and an outsize value, or a consumer
/// that does not lend, gets an array of its own.
/// </summary>
public sealed class RecordBytesTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "t");

    [Fact]
    public void Deserialize_Lending_ReadsBackEveryValueAsGivenUntilReclaimed()
    {
        var random = new Random(7);
        var bytes = RecordBytes.Lend();
        var given = Values(random, count: 3_000, maxLength: 3_000); // about 4.5 MB: many chunks, values at their ends
        var lent = given.Select(v => bytes.Deserialize(v, isNull: false, Context)).ToList();

        for (var i = 0; i < given.Count; i++)
        {
            Assert.True(given[i].AsSpan().SequenceEqual(lent[i].Span), $"value {i} of {given[i].Length} bytes");
        }

        // Packed in order, a value that does not fit what is left of a chunk starting the next: no value is split.
        var (chunks, used) = (1, 0);
        foreach (var value in given)
        {
            (chunks, used) = used + value.Length > RecordBytes.ChunkBytes ? (chunks + 1, value.Length) : (chunks, used + value.Length);
        }

        Assert.Equal(chunks, bytes.ChunksMade);
    }

    [Fact]
    public void Reclaim_TheNextBatchWritesOverTheLastOnesChunks()
    {
        var random = new Random(11);
        var bytes = RecordBytes.Lend();
        var first = Values(random, count: 500, maxLength: 1_000);
        var firstLent = first.Select(v => bytes.Deserialize(v, isNull: false, Context)).ToList();
        var made = bytes.ChunksMade;

        bytes.Reclaim();
        var second = Values(random, count: 500, maxLength: 1_000);
        var secondLent = second.Select(v => bytes.Deserialize(v, isNull: false, Context)).ToList();

        Assert.Equal(made, bytes.ChunksMade); // no new chunk for a batch no larger
        Assert.True(MemoryMarshal.TryGetArray(firstLent[0], out var a));
        Assert.True(MemoryMarshal.TryGetArray(secondLent[0], out var b));
        Assert.Same(a.Array, b.Array); // the same chunk, from its start
        Assert.Equal(a.Offset, b.Offset);
        Assert.False(first[0].AsSpan().SequenceEqual(firstLent[0].Span)); // the first batch's bytes are gone: lent, not owned
        for (var i = 0; i < second.Count; i++)
        {
            Assert.True(second[i].AsSpan().SequenceEqual(secondLent[i].Span), $"value {i}");
        }
    }

    [Fact]
    public void Reclaim_KeepsAtMostItsChunksOfALargeBatch()
    {
        var bytes = RecordBytes.Lend();
        var value = new byte[RecordBytes.ChunkBytes / 2]; // two a chunk
        for (var batch = 1; batch <= 3; batch++)
        {
            for (var i = 0; i < 2 * (RecordBytes.KeptChunks + 4); i++)
            {
                bytes.Deserialize(value, isNull: false, Context);
            }

            bytes.Reclaim();
            Assert.Equal(RecordBytes.KeptChunks + (4 * batch), bytes.ChunksMade); // four chunks a batch past those kept from the last
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deserialize_AnOutsizeValueOrOneNotLent_HasAnArrayOfItsOwn(bool lend)
    {
        var bytes = lend ? RecordBytes.Lend() : RecordBytes.Own();
        var value = Enumerable.Range(0, lend ? (RecordBytes.ChunkBytes / 2) + 1 : 100).Select(i => (byte)i).ToArray();

        var read = bytes.Deserialize(value, isNull: false, Context);

        Assert.True(MemoryMarshal.TryGetArray(read, out var segment));
        Assert.Equal((0, value.Length), (segment.Offset, segment.Array!.Length));
        Assert.Equal(value, segment.Array);
        Assert.Equal(0, bytes.ChunksMade);
    }

    [Fact]
    public void Deserialize_NullOrEmpty_IsEmpty()
    {
        var bytes = RecordBytes.Lend();
        Assert.True(bytes.Deserialize([], isNull: true, Context).IsEmpty);
        Assert.True(bytes.Deserialize([], isNull: false, Context).IsEmpty);
        Assert.Equal(0, bytes.ChunksMade);
    }

    private static List<byte[]> Values(Random random, int count, int maxLength) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var value = new byte[random.Next(1, maxLength + 1)];
            random.NextBytes(value);
            return value;
        })];
}
