namespace CreatorStream.Host.Export;

/// <summary>A table to export: equal-length columns, in order. Immutable.</summary>
public sealed record ExportTable
{
    public ExportTable(IReadOnlyList<ExportColumn> columns, int rowCount)
    {
        if (columns.FirstOrDefault(c => c.Values.Count != rowCount) is { } uneven)
        {
            throw new ArgumentException($"column '{uneven.Name}' has {uneven.Values.Count} values for {rowCount} rows", nameof(columns));
        }

        Columns = columns;
        RowCount = rowCount;
    }

    public IReadOnlyList<ExportColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>Materialises <paramref name="rows"/> through a column set defined once per row type.</summary>
    public static ExportTable From<TRow>(IReadOnlyList<TRow> rows, IReadOnlyList<ColumnSpec<TRow>> columns) =>
        new([.. columns.Select(c => new ExportColumn(c.Name, c.Type, [.. rows.Select(c.Value)]))], rows.Count);
}
