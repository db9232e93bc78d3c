using System.Runtime.InteropServices;
using System.Text;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Dataflow;
using CreatorStream.Processing.Replay;

namespace CreatorStream.Processing.Tests.Replay;

public sealed class JsonLinesReaderTests
{
    [Fact]
    public void ReadLine_MixedEndingsAndBlankLines_ReturnsEachLineVerbatim()
    {
        var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes("a\r\n\n  \nb\nc")));

        Assert.Equal("a", Encoding.UTF8.GetString(reader.ReadLine()!));
        Assert.Equal("b", Encoding.UTF8.GetString(reader.ReadLine()!));
        Assert.Equal("c", Encoding.UTF8.GetString(reader.ReadLine()!));
        Assert.Null(reader.ReadLine());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void ReadLine_FromAStreamThatHandsOverAFewBytesAtATime_ReturnsEachLineVerbatim(int chunk)
    {
        // A pipe gives what was written: most lines straddle reads and are gathered, in one array kept for the next.
        var random = new Random(chunk);
        var lines = Enumerable.Range(0, 400).Select(i => i % 50 == 0 ? new string('y', 3_000 + i) : $"{{\"n\":{i},\"pad\":\"{new string('x', random.Next(0, 200))}\"}}").ToList();
        var text = string.Concat(lines.Select((line, i) => line + (i % 3 == 0 ? "\r\n" : i % 7 == 0 ? "\n\n" : "\n")));
        var reader = new JsonLinesReader(new Trickle(Encoding.UTF8.GetBytes(text), chunk));

        var read = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            read.Add(Encoding.UTF8.GetString(line));
        }

        Assert.Equal(lines, read);
    }

    /// <summary>A stream that hands over at most a few bytes a read.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    [Fact]
    public void ReadLine_InvalidUtf8_KeepsTheOriginalBytes()
    {
        byte[] bytes = [0x7B, 0xC3, 0x28, 0x7D, 0x0A];

        var line = new JsonLinesReader(new MemoryStream(bytes)).ReadLine();

        Assert.Equal(bytes[..4], line);
    }

    [Fact]
    public void ReadLine_LineLongerThanTheBuffer_IsReadWhole()
    {
        var text = new string('x', 200_000);

        var line = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text + "\nnext"))).ReadLine();

        Assert.Equal(200_000, line!.Length);
    }

    [Fact]
    public void ReadLine_HugeLine_KeepsOnlyTheFirstMegabyteAndContinues()
    {
        var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 3 << 20) + "\nnext")));

        Assert.Equal(JsonLinesReader.MaxKeptLineBytes, reader.ReadLine()!.Length);
        Assert.Equal("next", Encoding.UTF8.GetString(reader.ReadLine()!));
    }

    [Fact]
    public void ReadBatches_WithARecycler_KeepsEachLineVerbatimInLentBlocks_AndReusesThemOnceProcessed()
    {
        // Lines of every length around the share limit and the reader's 64 KiB buffer, blank lines and CRLF between them.
        var random = new Random(19);
        var expected = new List<byte[]>();
        var text = new MemoryStream();
        for (var i = 0; i < 600; i++)
        {
            var length = random.Next(4) switch { 0 => random.Next(1, 400), 1 => random.Next(3_000, 20_000), 2 => random.Next(60_000, 70_000), _ => random.Next(400, 3_000) };
            var line = new byte[length];
            random.NextBytes(line);
            for (var j = 0; j < line.Length; j++)
            {
                line[j] = (byte)('a' + (line[j] % 26));
            }

            expected.Add(line);
            text.Write(line);
            text.Write(random.Next(3) == 0 ? "\r\n\n"u8 : "\n"u8);
        }

        text.Position = 0;
        var recycler = new BatchRecycler(batchSize: 7);
        var seen = 0;
        foreach (var batch in new JsonLinesReader(text).ReadBatches(new SourcePartition("replay", 0), 7, TimeProvider.System, recycler))
        {
            Assert.NotNull(batch.Buffers);
            foreach (var record in batch.Records)
            {
                Assert.Equal(seen, record.Offset);
                Assert.True(expected[seen++].AsSpan().SequenceEqual(record.Value.Span), $"line {seen - 1}");
            }

            batch.Buffers!.Dispose(); // read: its blocks go to the next batch, which writes over them
        }

        Assert.Equal(expected.Count, seen);
        Assert.InRange(recycler.FreeBlocks, 1, 8); // a batch of at most seven lines needs a few blocks, reused, not new ones a batch
    }

    [Fact]
    public void LineBlocks_KeepLinesEndToEnd_LongOnesApart_AndAreGivenBackOnce()
    {
        var recycler = new BatchRecycler(batchSize: 4);
        var lines = recycler.Lines();
        var small = lines.Keep("abc"u8);
        var next = lines.Keep("defg"u8);
        var large = lines.Keep(new byte[LineBlocks.MaxSharedLineBytes + 1]);

        Assert.True(MemoryMarshal.TryGetArray(small, out var a) & MemoryMarshal.TryGetArray(next, out var b) & MemoryMarshal.TryGetArray(large, out var c));
        Assert.Same(a.Array, b.Array);
        Assert.Equal((0, 3), (a.Offset, b.Offset));
        Assert.Equal(LineBlocks.MaxSharedLineBytes + 1, c.Array!.Length); // an array of its own, not in a block
        Assert.Equal(1, lines.Held);

        lines.Dispose();
        lines.Dispose(); // again does nothing: the blocks are not given back twice
        Assert.Equal(1, recycler.FreeBlocks);
        Assert.Throws<ObjectDisposedException>(() => lines.Keep("x"u8));

        var again = recycler.Lines();
        Assert.NotSame(lines, again); // a batch of its own: the old one's late Dispose cannot give this one's blocks back
        var reused = again.Keep("xyz"u8);
        Assert.True(MemoryMarshal.TryGetArray(reused, out var d));
        Assert.Same(a.Array, d.Array); // the block is reused
        Assert.Equal(0, recycler.FreeBlocks);
        lines.Dispose();
        Assert.Equal(0, recycler.FreeBlocks);
        Assert.Equal(1, again.Held);
    }
}
