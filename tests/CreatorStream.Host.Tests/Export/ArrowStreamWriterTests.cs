using System.Buffers.Binary;
using System.Text;
using CreatorStream.Host.Export;

namespace CreatorStream.Host.Tests.Export;

/// <summary>
/// The stream's bytes against the format's layout rules, read with a minimal FlatBuffers reader written here
/// (independent of the builder): framing, alignment, metadata fields, validity bitmaps, offsets.
/// </summary>
public sealed class ArrowStreamWriterTests
{
    private static readonly ExportTable Table = new(
    [
        new ExportColumn("id", ColumnType.Text, ["a", null, "ëé", "", "b", "c", "d", "e", null, "f"]),
        new ExportColumn("n", ColumnType.Int64, [1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L]),
        new ExportColumn("x", ColumnType.Float64, [null, 0.5, null, null, null, null, null, null, null, 2.5]),
    ], 10);

    [Fact]
    public void ToBytes_Framing_IsTwoEncapsulatedMessagesAndTheEndMarker()
    {
        var bytes = ArrowStreamWriter.ToBytes(Table);

        var messages = Messages(bytes, out var end);
        Assert.Equal(2, messages.Count);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], bytes[end..]);
        Assert.All(messages, m => Assert.Equal(0, (8 + m.Metadata.Length) % 8)); // metadata padded so the body starts 8-aligned
        Assert.Equal((short)4, Message(messages[0].Metadata).Scalar<short>(0)); // MetadataVersion V5
        Assert.Equal((byte)1, Message(messages[0].Metadata).Scalar<byte>(1)); // Schema
        Assert.Equal(0L, Message(messages[0].Metadata).Scalar<long>(3));
        Assert.Equal((byte)3, Message(messages[1].Metadata).Scalar<byte>(1)); // RecordBatch
        Assert.Equal(messages[1].Body.Length, Message(messages[1].Metadata).Scalar<long>(3));
        Assert.Equal(0, messages[1].Body.Length % 8);
    }

    [Fact]
    public void ToBytes_Schema_NamesEachFieldWithItsTypeAndNullable()
    {
        var schema = Message(Messages(ArrowStreamWriter.ToBytes(Table), out _)[0].Metadata).Table(2);

        var fields = schema.Vector(1).Select(schema.TableAt).ToList();
        Assert.Equal(["id", "n", "x"], fields.Select(f => f.String(0)));
        Assert.All(fields, f => Assert.Equal((byte)1, f.Scalar<byte>(1)));
        Assert.Equal([(byte)5, (byte)2, (byte)3], fields.Select(f => f.Scalar<byte>(2))); // Utf8, Int, FloatingPoint
        Assert.Equal((64, (byte)1), (fields[1].Table(3).Scalar<int>(0), fields[1].Table(3).Scalar<byte>(1))); // Int(64, signed)
        Assert.Equal((short)2, fields[2].Table(3).Scalar<short>(0)); // DOUBLE
        Assert.All(fields, f => Assert.Empty(f.Vector(5))); // children present and empty
    }

    [Fact]
    public void ToBytes_RecordBatch_HasNodesAndEightAlignedBuffersWithBitmapsAndOffsets()
    {
        var batchMessage = Messages(ArrowStreamWriter.ToBytes(Table), out _)[1];
        var batch = Message(batchMessage.Metadata).Table(2);

        Assert.Equal(10L, batch.Scalar<long>(0));
        Assert.Equal([(10L, 2L), (10L, 0L), (10L, 8L)], batch.Structs(1));
        var buffers = batch.Structs(2);
        Assert.Equal(7, buffers.Count); // id: validity, offsets, data; n: validity, values; x: validity, values
        Assert.All(buffers, b => Assert.Equal(0, b.First % 8));
        var body = batchMessage.Body;
        byte[] Buffer(int i) => body.AsSpan((int)buffers[i].First, (int)buffers[i].Second).ToArray();

        Assert.Equal([0b1111_1101, 0b10], Buffer(0)); // rows 1 and 8 null, least significant bit first
        Assert.Equal([0, 1, 1, 5, 5, 6, 7, 8, 9, 9, 10], Enumerable.Range(0, 11).Select(i => BinaryPrimitives.ReadInt32LittleEndian(Buffer(1).AsSpan(4 * i))));
        Assert.Equal("aëébcdef", Encoding.UTF8.GetString(Buffer(2)));
        Assert.Equal(0L, buffers[3].Second); // no nulls: no bitmap
        Assert.Equal(80L, buffers[4].Second);
        Assert.Equal(7L, BinaryPrimitives.ReadInt64LittleEndian(Buffer(4).AsSpan(48)));
        Assert.Equal([0b10, 0b10], Buffer(5));
        Assert.Equal(2.5, BinaryPrimitives.ReadDoubleLittleEndian(Buffer(6).AsSpan(72)));
        Assert.Equal(0.0, BinaryPrimitives.ReadDoubleLittleEndian(Buffer(6).AsSpan(0))); // a null slot is zero
    }

    [Fact]
    public void ToBytes_EmptyTable_HasALengthZeroBatchWithOneOffset()
    {
        var empty = new ExportTable([new ExportColumn("id", ColumnType.Text, [])], 0);

        var batchMessage = Messages(ArrowStreamWriter.ToBytes(empty), out _)[1];
        var batch = Message(batchMessage.Metadata).Table(2);

        Assert.Equal(0L, batch.Scalar<long>(0));
        Assert.Equal([(0L, 0L), (0L, 4L), (8L, 0L)], batch.Structs(2)); // no bitmap (no bytes), offsets [0] padded to 8, no data
        Assert.Equal(8, batchMessage.Body.Length);
    }

    [Fact]
    public void ExportTable_UnevenColumns_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ExportTable([new ExportColumn("a", ColumnType.Int64, [1L])], 2));
    }

    private static List<(byte[] Metadata, byte[] Body)> Messages(byte[] bytes, out int end)
    {
        var messages = new List<(byte[], byte[])>();
        var at = 0;
        while (true)
        {
            Assert.Equal(0xFFFFFFFF, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)));
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (size == 0)
            {
                end = at;
                return messages;
            }

            var metadata = bytes[(at + 8)..(at + 8 + size)];
            var bodyLength = (int)Message(metadata).Scalar<long>(3);
            messages.Add((metadata, bytes[(at + 8 + size)..(at + 8 + size + bodyLength)]));
            at += 8 + size + bodyLength;
        }
    }

    private static FlatTable Message(byte[] metadata) => new(metadata, BinaryPrimitives.ReadInt32LittleEndian(metadata));

    /// <summary>Reads a FlatBuffers table: soffset to the vtable, field slots, offsets relative to where they are stored.</summary>
    private sealed record FlatTable(byte[] Bytes, int Position)
    {
        public T Scalar<T>(int id) where T : unmanaged
        {
            var slot = Slot(id);
            Assert.True(slot != 0, $"field {id} is absent");
            var at = Position + slot;
            Assert.Equal(0, at % System.Runtime.InteropServices.Marshal.SizeOf<T>()); // scalars are aligned to their size
            return System.Runtime.InteropServices.MemoryMarshal.Read<T>(Bytes.AsSpan(at));
        }

        public FlatTable Table(int id) => TableAt(Indirect(Position + Slot(id)));

        public FlatTable TableAt(int position) => new(Bytes, position);

        public string String(int id)
        {
            var at = Indirect(Position + Slot(id));
            var length = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at));
            Assert.Equal(0, Bytes[at + 4 + length]); // zero-terminated
            return Encoding.UTF8.GetString(Bytes, at + 4, length);
        }

        /// <summary>A vector of offsets, as the positions they point at.</summary>
        public List<int> Vector(int id)
        {
            var at = Indirect(Position + Slot(id));
            var count = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at));
            return [.. Enumerable.Range(0, count).Select(i => Indirect(at + 4 + (4 * i)))];
        }

        /// <summary>A vector of two-int64 structs, which must start 8-aligned.</summary>
        public List<(long First, long Second)> Structs(int id)
        {
            var at = Indirect(Position + Slot(id));
            var count = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at));
            Assert.Equal(0, (at + 4) % 8);
            return [.. Enumerable.Range(0, count).Select(i => (
                BinaryPrimitives.ReadInt64LittleEndian(Bytes.AsSpan(at + 4 + (16 * i))),
                BinaryPrimitives.ReadInt64LittleEndian(Bytes.AsSpan(at + 12 + (16 * i)))))];
        }

        private int Slot(int id)
        {
            var vtable = Position - BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(Position));
            var vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(vtable));
            return 4 + (2 * id) < vtableSize ? BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(vtable + 4 + (2 * id))) : 0;
        }

        private int Indirect(int at) => at + BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at));
    }
}
