using System.Buffers.Binary;
using System.Text;

namespace CreatorStream.Host.Export;

/// <summary>
/// The few FlatBuffers constructs Arrow's IPC metadata needs (tables of scalars and offsets, strings, vectors of
/// offsets and of 16-byte structs), written by hand because no FlatBuffers package is referenced.
/// </summary>
/// <remarks>
/// The buffer is built back to front, as FlatBuffers builders do: a child object is written before its parent, so a
/// parent's offset to it is known when the parent is written and always points forward (offsets are unsigned). An
/// object's position is its distance from the end of the buffer; alignment is counted from the end too, and
/// <see cref="Finish"/> pads the front so the whole buffer is a multiple of the largest alignment used, which makes
/// every value aligned from the start as well. Layout (flatbuffers.dev, "Internals"): a table starts with an int32
/// <c>soffset</c> back to its vtable (table position minus vtable position); the vtable is uint16 vtable size, uint16
/// table size, then one uint16 per field id giving the field's offset from the table start (0: absent, default
/// applies). Strings and vectors are a uint32 count followed by the elements (strings add a 0 byte). Little-endian.
/// Not thread-safe; one builder per message.
/// </remarks>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer = new byte[256];
    private int _used;
    private int _maxAlign = 1;
    private readonly List<(int Id, int Position)> _fields = [];
    private int _tableFieldCount = -1;
    private int _tableEnd;

    /// <summary>Bytes written so far (also the position, from the end, of the last object written).</summary>
    public int Position => _used;

    public int CreateString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Prep(4, bytes.Length + 1);
        PutByte(0);
        PutBytes(bytes);
        PutUInt32((uint)bytes.Length);
        return _used;
    }

    /// <summary>A vector of offsets to tables (or strings) written earlier, in the given order.</summary>
    public int CreateOffsetVector(IReadOnlyList<int> targets)
    {
        Prep(4, 4 * targets.Count);
        for (var i = targets.Count - 1; i >= 0; i--)
        {
            PutOffset(targets[i]);
        }

        PutUInt32((uint)targets.Count);
        return _used;
    }

    /// <summary>A vector of structs of two int64s each (Arrow's FieldNode and Buffer), 8-byte aligned.</summary>
    public int CreateLongPairVector(IReadOnlyList<(long First, long Second)> pairs)
    {
        // The count sits right before the first element, and the elements must be 8-aligned.
        Prep(4, 16 * pairs.Count);
        Prep(8, 16 * pairs.Count);
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            PutInt64(pairs[i].Second);
            PutInt64(pairs[i].First);
        }

        PutUInt32((uint)pairs.Count);
        return _used;
    }

    public void StartTable(int fieldCount)
    {
        if (_tableFieldCount >= 0)
        {
            throw new InvalidOperationException("tables cannot nest while being built: write the child first");
        }

        _tableFieldCount = fieldCount;
        _tableEnd = _used;
        _fields.Clear();
    }

    public void AddByte(int id, byte value) => AddField(id, 1, () => PutByte(value));

    public void AddBool(int id, bool value) => AddByte(id, value ? (byte)1 : (byte)0);

    public void AddInt16(int id, short value) => AddField(id, 2, () => PutInt16(value));

    public void AddInt32(int id, int value) => AddField(id, 4, () => PutInt32(value));

    public void AddInt64(int id, long value) => AddField(id, 8, () => PutInt64(value));

    /// <summary>A field pointing at an object (table, string, vector) already written.</summary>
    public void AddOffset(int id, int target) => AddField(id, 4, () => PutOffset(target));

    /// <summary>Writes the table's soffset and then its vtable (just before it); returns the table's position.</summary>
    public int EndTable()
    {
        Prep(4, 4);
        PutInt32(0); // the soffset, patched below once the vtable's position is known
        var table = _used;
        var slots = new ushort[_tableFieldCount];
        foreach (var (id, position) in _fields)
        {
            slots[id] = checked((ushort)(table - position));
        }

        for (var i = slots.Length - 1; i >= 0; i--)
        {
            PutUInt16(slots[i]);
        }

        PutUInt16(checked((ushort)(table - _tableEnd)));
        PutUInt16(checked((ushort)(4 + (2 * slots.Length))));
        var vtable = _used;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), vtable - table);
        _tableFieldCount = -1;
        return table;
    }

    /// <summary>Writes the root offset and returns the finished buffer, a multiple of its largest alignment long.</summary>
    public byte[] Finish(int root)
    {
        Prep(Math.Max(_maxAlign, 4), 4);
        PutOffset(root);
        return _buffer.AsSpan(_buffer.Length - _used).ToArray();
    }

    private void AddField(int id, int size, Action write)
    {
        if (_tableFieldCount < 0 || id >= _tableFieldCount)
        {
            throw new InvalidOperationException($"field {id} is outside the table being built");
        }

        Prep(size, 0);
        write();
        _fields.Add((id, _used));
    }

    /// <summary>Pads so that after <paramref name="additional"/> more bytes the position is a multiple of <paramref name="align"/>.</summary>
    private void Prep(int align, int additional)
    {
        _maxAlign = Math.Max(_maxAlign, align);
        var padding = (align - ((_used + additional) % align)) % align;
        Grow(padding + additional + align);
        for (var i = 0; i < padding; i++)
        {
            PutByte(0);
        }
    }

    /// <summary>An offset is unsigned and relative to where it is stored: the target's position from the offset's own.</summary>
    private void PutOffset(int target)
    {
        Prep(4, 0);
        PutUInt32(checked((uint)(_used + 4 - target)));
    }

    private Span<byte> Claim(int size)
    {
        Grow(size);
        _used += size;
        return _buffer.AsSpan(_buffer.Length - _used, size);
    }

    private void Grow(int size)
    {
        if (_used + size <= _buffer.Length)
        {
            return;
        }

        var larger = new byte[Math.Max(_buffer.Length * 2, _used + size)];
        _buffer.AsSpan(_buffer.Length - _used).CopyTo(larger.AsSpan(larger.Length - _used));
        _buffer = larger;
    }

    private void PutByte(byte value) => Claim(1)[0] = value;

    private void PutBytes(byte[] value) => value.CopyTo(Claim(value.Length));

    private void PutInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Claim(2), value);

    private void PutUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Claim(2), value);

    private void PutInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Claim(4), value);

    private void PutUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Claim(4), value);

    private void PutInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Claim(8), value);
}
