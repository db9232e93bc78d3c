using CreatorStream.Host.Export;

namespace CreatorStream.Host.Tests.Export;

public sealed class CsvWriterTests
{
    [Fact]
    public void ToText_MixedTable_WritesHeaderQuotingNullsAndNumbersInvariantly()
    {
        var table = new ExportTable(
        [
            new ExportColumn("name", ColumnType.Text, ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", null, ""]),
            new ExportColumn("count", ColumnType.Int64, [1L, -2L, long.MaxValue, 0L, null, 5L, 6L]),
            new ExportColumn("rate", ColumnType.Float64, [0.1 + 0.2, -0.5, 1e-7, 1.0 / 3, 2.0, null, 1e21]),
            new ExportColumn("at", ColumnType.TimestampMs, [1_767_225_600_000L, null, 0L, 1L, 2L, 3L, 4L]),
        ], 7);

        var text = CsvWriter.ToText(table);

        Assert.Equal(
            "name,count,rate,at\r\n" +
            "plain,1,0.30000000000000004,1767225600000\r\n" +
            "\"a,b\",-2,-0.5,\r\n" +
            "\"say \"\"hi\"\"\",9223372036854775807,1E-07,0\r\n" +
            "\"two\nlines\",0,0.3333333333333333,1\r\n" +
            "\"cr\rhere\",,2,2\r\n" +
            ",5,,3\r\n" +
            ",6,1E+21,4\r\n",
            text);
    }

    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    [InlineData("'quoted", "'quoted")]
    public void Format_TextAFormulaCouldStartWith_GetsALeadingQuote(string text, string expected)
    {
        Assert.Equal(expected, CsvWriter.Format(ColumnType.Text, text));
    }

    [Fact]
    public void ToText_CarriageReturnAtTheStart_IsDefusedAndQuoted()
    {
        var table = new ExportTable([new ExportColumn("c", ColumnType.Text, ["\r=1+1"])], 1);

        Assert.Equal("c\r\n\"'\r=1+1\"\r\n", CsvWriter.ToText(table));
    }

    [Fact]
    public void Format_NegativeNumber_IsNotPrefixed()
    {
        Assert.Equal("-0.97", CsvWriter.Format(ColumnType.Float64, -0.97));
        Assert.Equal("-3", CsvWriter.Format(ColumnType.Int64, -3L));
    }

    [Fact]
    public void Format_ValueOfTheWrongType_Throws()
    {
        Assert.Throws<ArgumentException>(() => CsvWriter.Format(ColumnType.Int64, 1.5));
        Assert.Throws<ArgumentException>(() => CsvWriter.Format(ColumnType.Text, 1L));
    }

    [Fact]
    public void ToUtf8_Unicode_IsUtf8WithoutAByteOrderMark()
    {
        var bytes = CsvWriter.ToUtf8(new ExportTable([new ExportColumn("n", ColumnType.Text, ["Zoë 🚀"])], 1));

        Assert.Equal("n\r\nZo"u8.ToArray().Concat(new byte[] { 0xC3, 0xAB, 0x20, 0xF0, 0x9F, 0x9A, 0x80, 0x0D, 0x0A }), bytes);
    }

    [Fact]
    public void ToText_EmptyTable_IsTheHeaderAlone()
    {
        var table = new ExportTable([new ExportColumn("a", ColumnType.Text, []), new ExportColumn("b", ColumnType.Int64, [])], 0);

        Assert.Equal("a,b\r\n", CsvWriter.ToText(table));
    }
}
