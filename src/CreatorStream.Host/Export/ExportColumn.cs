namespace CreatorStream.Host.Export;

/// <summary>
/// One column of an export: its name, its type and a value per row (null, or a <see cref="string"/>, <see cref="long"/>
/// or <see cref="double"/> as <see cref="Type"/> says). Values are boxed: exports are at most thousands of rows, read
/// once, and one shape for every type keeps the CSV and Arrow writers short. Immutable once built.
/// </summary>
public sealed record ExportColumn(string Name, ColumnType Type, IReadOnlyList<object?> Values);
