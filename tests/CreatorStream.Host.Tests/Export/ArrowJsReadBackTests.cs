using System.Globalization;
using System.Text.Json;
using CreatorStream.Host.Export;

namespace CreatorStream.Host.Tests.Export;

/// <summary>Our Arrow streams read back by the official apache-arrow package, value for value.</summary>
public sealed class ArrowJsReadBackTests
{
    /// <summary>
    /// Eleven rows, so validity bitmaps span two bytes; nulls in every column; text with commas, quotes, a newline,
    /// accents, CJK and an emoji (4-byte UTF-8), an empty string beside a null; extreme and fractional numbers.
    /// </summary>
    public static ExportTable Realistic()
    {
        string?[] text = ["post-1", "Zoë, \"the\" creator", null, "", "línea\nnueva", "東京のカフェ", "🚀 launch", "=1+1", "plain", null, "last"];
        long?[] counts = [0, 1, null, long.MaxValue, long.MinValue, 42, -7, null, 1_000_000_000_000, 3, 9];
        double?[] ratios = [0.1 + 0.2, null, 1.0 / 3, -0.9708737864077671, 0, double.Epsilon, 1e300, null, 12.5, 2, -0.0];
        long?[] times = [1_767_225_600_000, null, 0, 1_767_225_660_123, null, 1, 2, 3, 4, 5, 1_767_225_600_001];
        return new ExportTable(
        [
            new ExportColumn("content_id", ColumnType.Text, text),
            new ExportColumn("impressions", ColumnType.Int64, [.. counts.Select(v => (object?)v)]),
            new ExportColumn("ctr", ColumnType.Float64, [.. ratios.Select(v => (object?)v)]),
            new ExportColumn("updated_at", ColumnType.TimestampMs, [.. times.Select(v => (object?)v)]),
        ], text.Length);
    }

    [Fact]
    public async Task Read_RealisticTable_GivesBackEveryValueAndTheSchema()
    {
        var table = Realistic();

        var read = await ArrowJsReader.ReadAsync(ArrowStreamWriter.ToBytes(table));

        Assert.Equal(
            [("content_id", "Utf8"), ("impressions", "Int64"), ("ctr", "Float64"), ("updated_at", "Timestamp<MILLISECOND, UTC>")],
            read.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("type").GetString())));
        Assert.All(read.GetProperty("fields").EnumerateArray(), f => Assert.True(f.GetProperty("nullable").GetBoolean()));
        Assert.Equal(1, read.GetProperty("batches").GetInt32());
        AssertRows(table, read);
    }

    [Fact]
    public async Task Read_EmptyTable_GivesTheSchemaAndNoRows()
    {
        var table = new ExportTable([.. Realistic().Columns.Select(c => c with { Values = [] })], 0);

        var read = await ArrowJsReader.ReadAsync(ArrowStreamWriter.ToBytes(table));

        Assert.Equal(4, read.GetProperty("fields").GetArrayLength());
        Assert.Equal(0, read.GetProperty("num_rows").GetInt32());
    }

    /// <summary>Compares every cell the reader printed with the table's value (the reader prints 64-bit integers as strings).</summary>
    internal static void AssertRows(ExportTable table, JsonElement read)
    {
        var rows = read.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        Assert.Equal(table.RowCount, rows.Count);
        for (var row = 0; row < table.RowCount; row++)
        {
            for (var column = 0; column < table.Columns.Count; column++)
            {
                var expected = table.Columns[column].Values[row];
                var actual = rows[row][column];
                var where = $"row {row}, column {table.Columns[column].Name}";
                switch (expected)
                {
                    case null:
                        Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, read {actual}");
                        break;
                    case string text:
                        Assert.Equal(text, actual.GetString());
                        break;
                    case double number:
                        Assert.True(BitConverter.DoubleToInt64Bits(number) == BitConverter.DoubleToInt64Bits(Cell64Float(actual)), $"{where}: expected {number:R}, read {actual}");
                        break;
                    case long number:
                        Assert.True(number.ToString(CultureInfo.InvariantCulture) == Cell64(actual), $"{where}: expected {number}, read {actual}");
                        break;
                    default:
                        Assert.Fail($"{where}: unexpected {expected.GetType()}");
                        break;
                }
            }
        }
    }

    private static double Cell64Float(JsonElement cell) =>
        cell.ValueKind == JsonValueKind.String ? double.Parse(cell.GetString()!, CultureInfo.InvariantCulture) : cell.GetDouble();

    private static string Cell64(JsonElement cell) => cell.ValueKind == JsonValueKind.String ? cell.GetString()! : cell.GetRawText();
}
