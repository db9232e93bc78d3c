namespace CreatorStream.Host.Export;

/// <summary>
/// The FlatBuffers metadata of the two Arrow IPC messages an export needs, per the Arrow format's <c>Message.fbs</c>
/// and <c>Schema.fbs</c> (metadata version V5). Field ids below are the declaration order in those files; a union
/// field takes two ids (its type tag, then its value).
/// </summary>
/// <remarks>
/// <c>Message { version: MetadataVersion(short) = 0; header_type: ubyte = 1; header: MessageHeader = 2; bodyLength: long = 3 }</c>,
/// <c>Schema { endianness: short = 0; fields: [Field] = 1 }</c>,
/// <c>Field { name: string = 0; nullable: bool = 1; type_type: ubyte = 2; type: Type = 3; dictionary = 4; children: [Field] = 5 }</c>,
/// <c>RecordBatch { length: long = 0; nodes: [FieldNode] = 1; buffers: [Buffer] = 2 }</c> with the structs
/// <c>FieldNode { length: long; null_count: long }</c> and <c>Buffer { offset: long; length: long }</c>.
/// Pure; thread-safe.
/// </remarks>
internal static class ArrowMetadata
{
    /// <summary><c>MetadataVersion.V5</c>, current since Arrow 1.0.</summary>
    public const short MetadataVersionV5 = 4;

    /// <summary><c>MessageHeader</c> union tags.</summary>
    public const byte HeaderSchema = 1;
    public const byte HeaderRecordBatch = 3;

    /// <summary><c>Type</c> union tags.</summary>
    public const byte TypeInt = 2;
    public const byte TypeFloatingPoint = 3;
    public const byte TypeUtf8 = 5;
    public const byte TypeTimestamp = 10;

    private const short PrecisionDouble = 2;
    private const short TimeUnitMillisecond = 1;
    private const short EndiannessLittle = 0;

    public static byte[] Schema(IReadOnlyList<ExportColumn> columns)
    {
        var builder = new FlatBufferBuilder();
        var fields = columns.Select(c => Field(builder, c)).ToList();
        var fieldVector = builder.CreateOffsetVector(fields);
        builder.StartTable(2);
        builder.AddInt16(0, EndiannessLittle);
        builder.AddOffset(1, fieldVector);
        return Message(builder, HeaderSchema, builder.EndTable(), bodyLength: 0);
    }

    public static byte[] RecordBatch(long length, IReadOnlyList<(long Length, long NullCount)> nodes, IReadOnlyList<(long Offset, long Length)> buffers, long bodyLength)
    {
        var builder = new FlatBufferBuilder();
        var nodeVector = builder.CreateLongPairVector([.. nodes.Select(n => (n.Length, n.NullCount))]);
        var bufferVector = builder.CreateLongPairVector([.. buffers.Select(b => (b.Offset, b.Length))]);
        builder.StartTable(3);
        builder.AddInt64(0, length);
        builder.AddOffset(1, nodeVector);
        builder.AddOffset(2, bufferVector);
        return Message(builder, HeaderRecordBatch, builder.EndTable(), bodyLength);
    }

    private static byte[] Message(FlatBufferBuilder builder, byte headerType, int header, long bodyLength)
    {
        builder.StartTable(4);
        builder.AddInt16(0, MetadataVersionV5);
        builder.AddByte(1, headerType);
        builder.AddOffset(2, header);
        builder.AddInt64(3, bodyLength);
        return builder.Finish(builder.EndTable());
    }

    /// <summary>Every export column is nullable and flat: no dictionary, an empty (not absent) children vector.</summary>
    private static int Field(FlatBufferBuilder builder, ExportColumn column)
    {
        var name = builder.CreateString(column.Name);
        var (typeTag, type) = Type(builder, column.Type);
        var children = builder.CreateOffsetVector([]);
        builder.StartTable(6);
        builder.AddOffset(0, name);
        builder.AddBool(1, true);
        builder.AddByte(2, typeTag);
        builder.AddOffset(3, type);
        builder.AddOffset(5, children);
        return builder.EndTable();
    }

    private static (byte Tag, int Table) Type(FlatBufferBuilder builder, ColumnType type)
    {
        switch (type)
        {
            case ColumnType.Text:
                builder.StartTable(0);
                return (TypeUtf8, builder.EndTable());
            case ColumnType.Int64:
                builder.StartTable(2); // Int { bitWidth: int; is_signed: bool }
                builder.AddInt32(0, 64);
                builder.AddBool(1, true);
                return (TypeInt, builder.EndTable());
            case ColumnType.Float64:
                builder.StartTable(1); // FloatingPoint { precision: Precision }
                builder.AddInt16(0, PrecisionDouble);
                return (TypeFloatingPoint, builder.EndTable());
            default:
                var zone = builder.CreateString("UTC");
                builder.StartTable(2); // Timestamp { unit: TimeUnit; timezone: string }
                builder.AddInt16(0, TimeUnitMillisecond);
                builder.AddOffset(1, zone);
                return (TypeTimestamp, builder.EndTable());
        }
    }
}
