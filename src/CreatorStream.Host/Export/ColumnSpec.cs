namespace CreatorStream.Host.Export;

/// <summary>How one export column is read from a row: the one definition CSV and Arrow share. Immutable.</summary>
public sealed record ColumnSpec<TRow>(string Name, ColumnType Type, Func<TRow, object?> Value)
{
    public static ColumnSpec<TRow> Text(string name, Func<TRow, string?> value) => new(name, ColumnType.Text, value);

    public static ColumnSpec<TRow> Int64(string name, Func<TRow, long?> value) => new(name, ColumnType.Int64, r => value(r));

    public static ColumnSpec<TRow> Float64(string name, Func<TRow, double?> value) => new(name, ColumnType.Float64, r => value(r));

    public static ColumnSpec<TRow> TimestampMs(string name, Func<TRow, long?> value) => new(name, ColumnType.TimestampMs, r => value(r));
}
