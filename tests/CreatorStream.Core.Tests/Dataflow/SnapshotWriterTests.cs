using System.Text;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// The snapshot writer's bytes against the oracle it replaced (docs/design.md, "Recovery"): a <see cref="BinaryWriter"/>
/// over a memory stream, with strings as a length and <see cref="Encoding.UTF8"/>'s bytes. Random fields of every kind,
/// past several chunks, so chunks fill up at fields of each kind and byte runs go on over chunk ends; and the limit a
/// writer is given (the state store's), held exactly.
/// </summary>
public sealed class SnapshotWriterTests
{
    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 40)]
    [InlineData(3, 300_000)]
    public void RandomFields_WriteTheBytesABinaryWriterWrote(int seed, int longestRun)
    {
        var writer = new SnapshotWriter();
        using var stream = new MemoryStream();
        using var oracle = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var random = new Random(seed);
        for (var i = 0; i < 20_000; i++)
        {
            switch (random.Next(9))
            {
                case 0:
                    var flag = random.Next(2) == 1;
                    writer.Write(flag);
                    oracle.Write(flag);
                    break;
                case 1:
                    var b = (byte)random.Next(256);
                    writer.Write(b);
                    oracle.Write(b);
                    break;
                case 2:
                    var n = random.Next(int.MinValue, int.MaxValue);
                    writer.Write(n);
                    oracle.Write(n);
                    break;
                case 3:
                    var l = random.NextInt64(long.MinValue, long.MaxValue);
                    writer.Write(l);
                    oracle.Write(l);
                    writer.Write((ulong)l);
                    oracle.Write((ulong)l);
                    break;
                case 4:
                    var d = random.Next(4) == 0 ? double.NaN : (random.NextDouble() - 0.5) * 1e12;
                    writer.Write(d);
                    oracle.Write(d);
                    break;
                case 5:
                    var bytes = new byte[random.Next(100) == 0 ? random.Next(longestRun) : random.Next(40)];
                    random.NextBytes(bytes);
                    writer.Write((ReadOnlySpan<byte>)bytes);
                    oracle.Write(bytes.Length);
                    oracle.Write(bytes);
                    break;
                case 7:
                    var id = Id(random);
                    writer.Write(Core.Events.EventIdKey.Of(id));
                    oracle.Write(Encoding.UTF8.GetByteCount(id));
                    oracle.Write(Encoding.UTF8.GetBytes(id));
                    break;
                default:
                    var text = Text(random);
                    writer.Write(text);
                    if (text is null)
                    {
                        oracle.Write(-1);
                    }
                    else
                    {
                        var encoded = Encoding.UTF8.GetBytes(text);
                        oracle.Write(encoded.Length);
                        oracle.Write(encoded);
                    }

                    break;
            }
        }

        oracle.Flush();
        Assert.Equal(stream.Length, writer.Length);
        Assert.Equal(stream.ToArray(), writer.ToArray());
    }

    [Fact]
    public void Write_ARunLongerThanAChunk_GoesOnOverChunks()
    {
        var writer = new SnapshotWriter();
        var run = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7)).ToArray(); // three mebibytes: past the largest chunk
        writer.Write("before");
        writer.Write((ReadOnlySpan<byte>)run);
        writer.Write(42L);

        var bytes = writer.ToArray();

        Assert.Equal(4 + 6 + 4 + run.Length + 8, bytes.Length);
        Assert.Equal(run.Length, BitConverter.ToInt32(bytes, 10));
        Assert.True(bytes.AsSpan(14, run.Length).SequenceEqual(run));
        Assert.Equal(42L, BitConverter.ToInt64(bytes, 14 + run.Length));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(70_000, 1_200_000)] // past a chunk on both sides
    public void Write_TwoParts_IsOneByteStringOfBoth(int first, int second)
    {
        var bytes = Enumerable.Range(0, first + second).Select(i => (byte)(i * 13)).ToArray();
        var (joined, parts) = (new SnapshotWriter(), new SnapshotWriter());
        joined.Write(1);
        parts.Write(1);

        joined.Write((ReadOnlySpan<byte>)bytes);
        parts.Write(bytes.AsSpan(0, first), bytes.AsSpan(first));

        Assert.Equal(joined.ToArray(), parts.ToArray());
    }

    [Fact]
    public void Write_TextLongerThanTheFirstChunk_GetsAChunkOfItsSize()
    {
        var writer = new SnapshotWriter();
        var text = new string('é', 3_000); // two bytes a character: 6,000 bytes, past the first chunk's 4,096

        writer.Write(text);

        var bytes = writer.ToArray();
        Assert.Equal(4 + 6_000, bytes.Length);
        Assert.Equal(6_000, BitConverter.ToInt32(bytes, 0));
        Assert.Equal(text, Encoding.UTF8.GetString(bytes, 4, 6_000));
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(3_000_000)]
    public void Write_PastTheLimit_ThrowsWithTheLimit(int limit)
    {
        var writer = new SnapshotWriter(limit);
        var error = Assert.Throws<SnapshotTooLargeException>(() =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                writer.Write((long)i); // a chunk fills past the limit: found there, long before a million longs
            }
        });

        Assert.Equal(limit, error.Limit);
        Assert.InRange(writer.Length, limit - sizeof(long) + 1, limit); // written up to the last long that fit
    }

    [Fact]
    public void Write_OneByteOverTheLimitWithinTheFirstChunk_Throws()
    {
        var writer = new SnapshotWriter(100);
        for (var i = 0; i < 12; i++)
        {
            writer.Write((long)i); // 96 bytes
        }

        Assert.Throws<SnapshotTooLargeException>(() => writer.Write((long)12)); // 104: the first chunk is the 100 allowed
        Assert.Equal(96, writer.Length);
    }

    [Fact]
    public void ToArray_ExactlyTheLimit_IsTheSnapshot()
    {
        var writer = new SnapshotWriter(100);
        for (var i = 0; i < 25; i++)
        {
            writer.Write(i);
        }

        Assert.Equal(100, writer.ToArray().Length);
    }

    [Fact]
    public void Write_ARunPastTheLimit_ThrowsBeforeCopyingIt()
    {
        var writer = new SnapshotWriter(1_000);

        Assert.Throws<SnapshotTooLargeException>(() => writer.Write((ReadOnlySpan<byte>)new byte[2_000]));
        Assert.Equal(4, writer.Length); // only the length went in
    }

    [Fact]
    public void Append_PartsWrittenApart_AreTheBytesWrittenInOneGo()
    {
        static void First(SnapshotWriter w) => w.Write("first part");
        static void Second(SnapshotWriter w)
        {
            for (var i = 0; i < 300_000; i++)
            {
                w.Write((long)i * 3); // 2.4 MB: several chunks
            }
        }

        var whole = new SnapshotWriter();
        whole.Write(1);
        First(whole);
        Second(whole);
        whole.Write(true);
        var apart = new SnapshotWriter();
        apart.Write(1);
        apart.Append(SnapshotWriter.Part(long.MaxValue, null, First));
        apart.Append(SnapshotWriter.Part(long.MaxValue, null, Second));
        apart.Append(SnapshotBytes.Empty);
        apart.Write(true);

        Assert.Equal(whole.Length, apart.Length);
        Assert.Equal(whole.ToArray(), apart.ToArray());
        Assert.True(whole.ToBytes().SameBytes(apart.ToBytes()));
    }

    [Fact]
    public void Append_PastTheLimit_ThrowsAndKeepsWhatWasWritten()
    {
        var writer = new SnapshotWriter(100);
        writer.Write(7L);

        Assert.Throws<SnapshotTooLargeException>(() => writer.Append(new byte[93]));
        writer.Append(new byte[92]);
        Assert.Equal(100, writer.Length);
        Assert.Throws<SnapshotTooLargeException>(() => writer.Write(true));
    }

    [Theory]
    [InlineData(11, 1 << 30)]
    [InlineData(12, 1 << 19)] // a store whose parts are half a chunk: each chunk is two parts
    public void Sink_TakesEachFullChunkAsItFills_AndThePiecesInOrderAreTheBytesWrittenWithoutIt(int seed, int partBytes)
    {
        // Two groups written side by side into parts, appended after a header, as a brand task's snapshot is.
        static void Group(SnapshotWriter w, int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < 400_000; i++)
            {
                w.Write(random.NextInt64());
                if (i % 1_000 == 0)
                {
                    w.Write(new string('x', random.Next(5_000)));
                    w.Write(new byte[random.Next(50_000)].AsSpan()); // a run that goes on over a chunk's end
                }
            }
        }

        var sink = new CollectingSink(partBytes);
        var streamed = new SnapshotWriter(sink: sink);
        var whole = new SnapshotWriter();
        foreach (var writer in new[] { streamed, whole })
        {
            writer.Write(42);
            var groups = new SnapshotBytes[2];
            Parallel.Invoke(
                () => groups[0] = SnapshotWriter.Part(long.MaxValue, writer.Sink, w => Group(w, seed)),
                () => groups[1] = SnapshotWriter.Part(long.MaxValue, writer.Sink, w => Group(w, seed + 1)));
            writer.Append(groups[0]);
            writer.Append(groups[1]);
            writer.Write(true);
        }

        var expected = whole.ToArray();
        var snapshot = streamed.ToBytes();

        Assert.True(snapshot.HasStoredParts);
        Assert.Throws<InvalidOperationException>(() => snapshot.Segments); // only the store reads it back
        Assert.Equal(expected.Length, snapshot.Length);
        Assert.Equal(expected, sink.Join(snapshot));
        var kept = snapshot.Pieces.Where(p => p.Stored is null).Sum(p => p.Length);
        Assert.InRange(kept, 1, 2 * 2 * (1 << 20)); // at most each group's last two chunks stayed here, of about 8 MB
        Assert.Equal(Math.Min(partBytes, 1 << 20), sink.Largest);
        Assert.Equal(sink.Largest, sink.Smallest); // chunks filled to their last byte: parts of one size, for arrays a store can reuse
        Assert.True(sink.Parts >= 4, $"{sink.Parts} parts");
    }

    [Fact]
    public void Sink_PastTheLimit_ThrowsWithTheLimit_HavingStoredNoMoreThanIt()
    {
        var sink = new CollectingSink(1 << 30);
        var writer = new SnapshotWriter(3 << 20, sink);

        Assert.Throws<SnapshotTooLargeException>(() =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                writer.Write((long)i);
            }
        });
        Assert.InRange(sink.Bytes, 1 << 20, 3 << 20);
        Assert.True(writer.Length <= 3 << 20);
    }

    [Fact]
    public void Constructor_NegativeLimit_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotWriter(-1));

    /// <summary>Event ids of every shape a key has: packed (up to 16 printable ASCII), a UUID, and kept (longer, upper-case or not ASCII).</summary>
    private static string Id(Random random) => random.Next(6) switch
    {
        0 => "e",
        1 => $"evt-{random.Next()}",
        2 => new string('~', 16),
        3 => Guid.NewGuid().ToString(),
        4 => Guid.NewGuid().ToString().ToUpperInvariant(),
        _ => $"ünïcode-{random.Next()}-{new string('x', random.Next(20))}",
    };

    /// <summary>Null, empty, ASCII ids, accented and astral text, a lone surrogate (UTF-8 writes a replacement), and long text.</summary>
    private static string? Text(Random random) => random.Next(8) switch
    {
        0 => null,
        1 => "",
        2 => $"user-{random.Next()}",
        3 => "café ☕ naïve",
        4 => "emoji 😀 and 𝄞",
        5 => "lone \ud800 surrogate",
        6 => new string((char)('a' + random.Next(26)), random.Next(1_000, 3_000)),
        _ => Guid.NewGuid().ToString(),
    };

    /// <summary>A store's sink kept in memory: parts by number, as a store would read them back by the manifest.</summary>
    private sealed class CollectingSink(int partBytes) : ISnapshotSink
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> _parts = new();
        private int _lastId = -1;

        public int Parts => _parts.Count;

        public long Bytes => _parts.Values.Sum(p => (long)p.Length);

        public int Largest => _parts.Values.Max(p => p.Length);

        public int Smallest => _parts.Values.Min(p => p.Length);

        public StoredPart Store(ReadOnlySpan<byte> bytes)
        {
            var count = (bytes.Length + partBytes - 1) / partBytes;
            var first = Interlocked.Add(ref _lastId, count) - count + 1;
            for (var i = 0; i < count; i++)
            {
                _parts[first + i] = bytes.Slice(i * partBytes, Math.Min(partBytes, bytes.Length - (i * partBytes))).ToArray();
            }

            return new StoredPart(this, first, count, bytes.Length);
        }

        public void Abandon() => _parts.Clear();

        public byte[] Join(SnapshotBytes snapshot) =>
        [
            .. snapshot.Pieces.SelectMany(p => p.Stored is { } stored
                ? Enumerable.Range(stored.FirstId, stored.Count).SelectMany(id => _parts[id])
                : p.Bytes.ToArray()),
        ];
    }
}
