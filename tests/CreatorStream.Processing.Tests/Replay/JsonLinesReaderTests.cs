using System.Text;
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
}
