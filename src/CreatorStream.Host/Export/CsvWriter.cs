using System.Globalization;
using System.Text;

namespace CreatorStream.Host.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> as CSV (RFC 4180): a header row of column names, CRLF line ends, a field quoted
/// when it holds a comma, a double quote, CR or LF (quotes inside doubled). Numbers in the invariant culture, doubles
/// in their shortest round-trip form ("R"), timestamps as integer milliseconds; null is an empty field. UTF-8 without
/// a byte-order mark. Pure; thread-safe.
/// </summary>
/// <remarks>
/// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c> or <c>@</c> (and some also after a leading tab or carriage return) as a formula. Creator names and ids come
/// from campaign configuration and content ids from events, so a text cell starting with one of those characters
/// gets a leading single quote (<c>'=1+1</c>), which spreadsheets show as text. Numeric columns are never prefixed:
/// a negative ROI stays a number. A reader that wants the raw text drops the quote.
/// </remarks>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string ToText(ExportTable table)
    {
        var text = new StringBuilder();
        AppendRow(text, table.Columns.Select(c => Escape(c.Name)));
        for (var row = 0; row < table.RowCount; row++)
        {
            var index = row;
            AppendRow(text, table.Columns.Select(c => Escape(Format(c.Type, c.Values[index]))));
        }

        return text.ToString();
    }

    public static byte[] ToUtf8(ExportTable table) => Encoding.UTF8.GetBytes(ToText(table));

    /// <summary>A value's text before quoting: null is empty; text is defused against formula injection.</summary>
    public static string Format(ColumnType type, object? value) => (type, value) switch
    {
        (_, null) => "",
        (ColumnType.Text, string text) => Defuse(text),
        (ColumnType.Float64, double number) => number.ToString("R", CultureInfo.InvariantCulture),
        (ColumnType.Int64 or ColumnType.TimestampMs, long number) => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"a {type} column cannot hold a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Prefixes a single quote to text a spreadsheet would read as a formula.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static string Escape(string field) =>
        field.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void AppendRow(StringBuilder text, IEnumerable<string> fields) =>
        text.AppendJoin(',', fields).Append("\r\n");
}
