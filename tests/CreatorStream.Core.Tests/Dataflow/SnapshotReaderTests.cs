using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// A snapshot read back from its segments (docs/design.md, "Recovery"): the store keeps the writer's chunks, or the parts
/// Redis returns, and never one array, so a value may straddle two segments. Random fields of every kind are read back
/// against the values written, over the writer's own chunks and over the same bytes cut at random points down to single
/// bytes.
/// </summary>
public sealed class SnapshotReaderTests
{
    [Theory]
    [InlineData(1, 0)] // the writer's own chunks
    [InlineData(2, 1)] // every byte a segment of its own
    [InlineData(3, 13)] // cuts of 1 to 13 bytes: every value straddles somewhere
    [InlineData(4, 5_000)]
    public void RandomFields_ReadBackAsWritten(int seed, int longestCut)
    {
        var (bytes, expected) = Written(seed);
        var segments = longestCut == 0 ? bytes : Recut(bytes, new Random(seed), longestCut);

        var reader = new SnapshotReader(segments);
        var actual = expected.Select(e => Read(reader, e)).ToList();

        Assert.Equal(expected, actual);
        Assert.True(reader.AtEnd);
        Assert.True(bytes.SameBytes(segments));
    }

    [Fact]
    public void Read_PastTheEnd_ThrowsEndOfStream()
    {
        var writer = new SnapshotWriter();
        writer.Write(7L);
        writer.Write("twelve bytes");
        var bytes = writer.ToBytes().ToArray();
        var cut = new SnapshotBytes([bytes.AsMemory(0, 5), bytes.AsMemory(5, 10)]); // the string's last 9 bytes missing

        var reader = new SnapshotReader(cut);

        Assert.Equal(7L, reader.Long());
        Assert.Throws<EndOfStreamException>(() => reader.String());
    }

    [Fact]
    public void Read_ALengthNoWriterWrites_IsInvalidData()
    {
        var reader = new SnapshotReader(BitConverter.GetBytes(-2));

        Assert.Throws<InvalidDataException>(() => reader.NullableString());
    }

    [Fact]
    public void SameBytes_SplitDifferently_AreTheSame_AndOneByteApart_AreNot()
    {
        var whole = Enumerable.Range(0, 1_000).Select(i => (byte)i).ToArray();
        var split = new SnapshotBytes([whole.AsMemory(0, 3), whole.AsMemory(3, 500), whole.AsMemory(503)]);
        var changed = (byte[])whole.Clone();
        changed[777]++;

        Assert.True(new SnapshotBytes(whole).SameBytes(split));
        Assert.False(split.SameBytes(changed));
        Assert.False(split.SameBytes(whole.AsSpan(0, 999).ToArray()));
        Assert.Equal(whole, split.ToArray());
    }

    [Fact]
    public void SegmentArrays_AreTheBytesInPartsOfTheSize_JoiningSmallSegments_ReusingWholeArraysOfIt()
    {
        var whole = new byte[] { 1, 2, 3 };
        var larger = new byte[] { 0, 4, 5, 6, 7, 8, 9, 10, 0 };
        var bytes = new SnapshotBytes([whole, larger.AsMemory(1, 1), larger.AsMemory(2, 2), larger.AsMemory(4, 4), (byte[])[11]]);

        var arrays = bytes.SegmentArrays(3).ToList();

        Assert.Same(whole, arrays[0]);
        Assert.Equal([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11]], arrays);
    }

    [Fact]
    public void Read_ALengthPastEverything_IsEndOfStream_WithoutMakingRoomForIt()
    {
        var writer = new SnapshotWriter();
        writer.Write(int.MaxValue); // a corrupt string length
        writer.Write("abc");
        var bytes = writer.ToBytes().ToArray();
        var reader = new SnapshotReader(new SnapshotBytes([bytes.AsMemory(0, 2), bytes.AsMemory(2)]));

        Assert.Throws<EndOfStreamException>(() => reader.String());
    }

    /// <summary>Random values of every kind written (the longest run past a chunk), and what each was.</summary>
    private static (SnapshotBytes Bytes, List<object?> Values) Written(int seed)
    {
        var random = new Random(seed);
        var writer = new SnapshotWriter();
        var values = new List<object?>();
        for (var i = 0; i < 30_000; i++)
        {
            object? value = random.Next(8) switch
            {
                0 => random.Next(2) == 1,
                1 => (byte)random.Next(256),
                2 => random.Next(int.MinValue, int.MaxValue),
                3 => random.NextInt64(long.MinValue, long.MaxValue),
                4 => (ulong)random.NextInt64(),
                5 => (random.NextDouble() - 0.5) * 1e12,
                6 => Run(random),
                _ => random.Next(6) == 0 ? null : $"text {random.Next()} ✓ {new string('x', random.Next(random.Next(50) == 0 ? 3_000 : 20))}",
            };
            Write(writer, value);
            values.Add(value);
        }

        return (writer.ToBytes(), values);
    }

    private static byte[] Run(Random random)
    {
        var run = new byte[random.Next(500) == 0 ? random.Next(2_000_000) : random.Next(30)];
        random.NextBytes(run);
        return run;
    }

    private static void Write(SnapshotWriter writer, object? value)
    {
        switch (value)
        {
            case bool b: writer.Write(b); break;
            case byte b: writer.Write(b); break;
            case int n: writer.Write(n); break;
            case long n: writer.Write(n); break;
            case ulong n: writer.Write(n); break;
            case double d: writer.Write(d); break;
            case byte[] run: writer.Write((ReadOnlySpan<byte>)run); break;
            default: writer.Write((string?)value); break;
        }
    }

    private static object? Read(SnapshotReader reader, object? expected) => expected switch
    {
        bool => reader.Bool(),
        byte => reader.Byte(),
        int => reader.Int(),
        long => reader.Long(),
        ulong => reader.ULong(),
        double => reader.Double(),
        byte[] => reader.Bytes(),
        _ => reader.NullableString(),
    };

    /// <summary>The same bytes in segments of 1 to <paramref name="longest"/> bytes, cut from a few source arrays.</summary>
    private static SnapshotBytes Recut(SnapshotBytes bytes, Random random, int longest)
    {
        var all = bytes.ToArray();
        var segments = new List<ReadOnlyMemory<byte>>();
        for (var at = 0; at < all.Length;)
        {
            var length = Math.Min(random.Next(1, longest + 1), all.Length - at);
            segments.Add(all.AsMemory(at, length));
            at += length;
        }

        return new SnapshotBytes(segments);
    }
}
