using System.Buffers.Binary;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// A frame of the brand topic being filled (<see cref="BrandEnvelope"/>): the envelopes of the inputs added, in order,
/// in one buffer kept from frame to frame. Single-threaded.
/// </summary>
public sealed class BrandFrame
{
    /// <summary>
    /// The size past which a source stage sends a frame and starts another: 64 KiB. A frame's array is made once, for the
    /// producer, so this keeps it out of the large-object heap (85,000 bytes), and a brand batch of many frames fine-grained.
    /// One record larger than this still travels, alone in its frame.
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    private byte[] _buffer = new byte[4 * 1024];
    private int _length = BrandEnvelope.FrameHeaderBytes;

    /// <summary>The inputs added since the frame was last taken.</summary>
    public int Count { get; private set; }

    /// <summary>The frame's bytes so far.</summary>
    public int Length => _length;

    /// <summary>Whether adding <paramref name="input"/> would take a frame that holds something past <see cref="MaxBytes"/>.</summary>
    public bool WouldOverflow(BrandInput input) => Count > 0 && _length + 4 + BrandEnvelope.EncodedLength(input) > MaxBytes;

    public void Add(BrandInput input)
    {
        var length = BrandEnvelope.EncodedLength(input);
        if (_length + 4 + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + 4 + length, Math.Min(2 * _buffer.Length, MaxBytes)));
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), length);
        BrandEnvelope.Write(input, _buffer.AsSpan(_length + 4, length));
        _length += 4 + length;
        Count++;
    }

    /// <summary>The frame's bytes, in a new array (a record's value for the producer); the frame is empty again after.</summary>
    public byte[] Take()
    {
        _buffer[0] = BrandEnvelope.FrameKind;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1), Count);
        var bytes = _buffer.AsSpan(0, _length).ToArray();
        _length = BrandEnvelope.FrameHeaderBytes;
        Count = 0;
        if (_buffer.Length > MaxBytes)
        {
            _buffer = new byte[MaxBytes]; // an outsize record's room is not kept
        }

        return bytes;
    }
}
