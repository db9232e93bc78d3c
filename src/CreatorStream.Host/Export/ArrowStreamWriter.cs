using System.Buffers.Binary;

namespace CreatorStream.Host.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> in the Arrow IPC streaming format (arrow.apache.org/docs/format/Columnar.html,
/// "Serialization and Interprocess Communication"): a Schema message, one RecordBatch message holding every row (none
/// for an empty table: the batch has length 0), then the end-of-stream marker. Written by hand because the
/// Apache.Arrow package is not available here (decision 0007). Pure; thread-safe.
/// </summary>
/// <remarks>
/// Each message is encapsulated as: the continuation marker <c>0xFFFFFFFF</c>; an int32 metadata size; the Message
/// FlatBuffer (<see cref="ArrowMetadata"/>) zero-padded so that 8 + size is a multiple of 8; then the body of
/// <c>bodyLength</c> bytes (<see cref="ArrowBody"/>), itself a multiple of 8. The stream ends with <c>0xFFFFFFFF</c>
/// followed by a zero size. All integers little-endian.
/// </remarks>
public static class ArrowStreamWriter
{
    public const string ContentType = "application/vnd.apache.arrow.stream";

    private const uint Continuation = 0xFFFFFFFF;

    public static byte[] ToBytes(ExportTable table)
    {
        using var stream = new MemoryStream();
        Write(table, stream);
        return stream.ToArray();
    }

    public static void Write(ExportTable table, Stream output)
    {
        WriteMessage(output, ArrowMetadata.Schema(table.Columns), []);
        var body = ArrowBody.Of(table);
        WriteMessage(output, ArrowMetadata.RecordBatch(table.RowCount, body.Nodes, body.Buffers, body.Bytes.Length), body.Bytes);
        WriteInt32Pair(output, Continuation, 0);
    }

    private static void WriteMessage(Stream output, byte[] metadata, byte[] body)
    {
        var padding = ArrowBody.Padding(metadata.Length);
        WriteInt32Pair(output, Continuation, (uint)(metadata.Length + padding));
        output.Write(metadata);
        output.Write(new byte[padding]);
        output.Write(body);
    }

    private static void WriteInt32Pair(Stream output, uint first, uint second)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, first);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], second);
        output.Write(bytes);
    }
}
