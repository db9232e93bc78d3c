namespace CreatorStream.Host.Export;

/// <summary>The value types an export column can hold; every column is nullable.</summary>
public enum ColumnType
{
    /// <summary>Text (<see cref="string"/>): CSV cell, Arrow <c>Utf8</c>.</summary>
    Text,

    /// <summary>A count (<see cref="long"/>): Arrow <c>Int(64, signed)</c>.</summary>
    Int64,

    /// <summary>A measure or ratio (<see cref="double"/>): Arrow <c>FloatingPoint(DOUBLE)</c>.</summary>
    Float64,

    /// <summary>Milliseconds since the Unix epoch (<see cref="long"/>): Arrow <c>Timestamp(MILLISECOND, "UTC")</c>; in CSV the integer.</summary>
    TimestampMs,
}
