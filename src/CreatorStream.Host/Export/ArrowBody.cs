using System.Buffers.Binary;
using System.Text;

namespace CreatorStream.Host.Export;

/// <summary>
/// The body of a record batch message: each column's buffers, in column order, per the Arrow columnar format
/// ("Physical Memory Layout"). A column of n values has a validity bitmap (bit i, least significant bit first, is 1
/// when value i is present; omitted, length 0, when nothing is null), then for Int64, Float64 and Timestamp n
/// little-endian 8-byte values (0 under a null), or for Utf8 n + 1 int32 offsets and the UTF-8 bytes between them.
/// Every buffer starts at a multiple of 8 bytes and is zero-padded to one (the format requires 8; 64 is only
/// recommended, for SIMD, which a download does not need). Immutable.
/// </summary>
internal sealed record ArrowBody(byte[] Bytes, IReadOnlyList<(long Length, long NullCount)> Nodes, IReadOnlyList<(long Offset, long Length)> Buffers)
{
    public static ArrowBody Of(ExportTable table)
    {
        using var body = new MemoryStream();
        var nodes = new List<(long, long)>();
        var buffers = new List<(long, long)>();
        foreach (var column in table.Columns)
        {
            var values = column.Values;
            var nulls = values.Count(v => v is null);
            nodes.Add((values.Count, nulls));
            buffers.Add(Append(body, nulls == 0 ? [] : Validity(values)));
            if (column.Type == ColumnType.Text)
            {
                var (offsets, data) = Utf8(values);
                buffers.Add(Append(body, offsets));
                buffers.Add(Append(body, data));
            }
            else
            {
                buffers.Add(Append(body, FixedWidth(column.Type, values)));
            }
        }

        return new ArrowBody(body.ToArray(), nodes, buffers);
    }

    private static (long Offset, long Length) Append(MemoryStream body, byte[] buffer)
    {
        var offset = body.Position;
        body.Write(buffer);
        body.Write(new byte[Padding(buffer.Length)]);
        return (offset, buffer.Length);
    }

    public static int Padding(long length) => (int)((8 - (length % 8)) % 8);

    private static byte[] Validity(IReadOnlyList<object?> values)
    {
        var bitmap = new byte[(values.Count + 7) / 8];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not null)
            {
                bitmap[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return bitmap;
    }

    private static byte[] FixedWidth(ColumnType type, IReadOnlyList<object?> values)
    {
        var bytes = new byte[8 * values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var slot = bytes.AsSpan(8 * i, 8);
            switch (type, values[i])
            {
                case (_, null):
                    break;
                case (ColumnType.Float64, double number):
                    BinaryPrimitives.WriteDoubleLittleEndian(slot, number);
                    break;
                case (ColumnType.Int64 or ColumnType.TimestampMs, long number):
                    BinaryPrimitives.WriteInt64LittleEndian(slot, number);
                    break;
                default:
                    throw new ArgumentException($"a {type} column cannot hold a {values[i]!.GetType().Name}", nameof(values));
            }
        }

        return bytes;
    }

    /// <summary>Offsets start at 0 and end at the data's length; a null takes no bytes (its two offsets are equal).</summary>
    private static (byte[] Offsets, byte[] Data) Utf8(IReadOnlyList<object?> values)
    {
        var offsets = new byte[4 * (values.Count + 1)];
        using var data = new MemoryStream();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is string text)
            {
                data.Write(Encoding.UTF8.GetBytes(text));
            }
            else if (values[i] is not null)
            {
                throw new ArgumentException($"a text column cannot hold a {values[i]!.GetType().Name}", nameof(values));
            }

            BinaryPrimitives.WriteInt32LittleEndian(offsets.AsSpan(4 * (i + 1)), checked((int)data.Length));
        }

        return (offsets, data.ToArray());
    }
}
