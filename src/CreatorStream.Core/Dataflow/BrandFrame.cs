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
    public bool WouldOverflow(BrandInput input) => Overflows(BrandEnvelope.EncodedLength(input));

    public void Add(BrandInput input) => Append(input, BrandEnvelope.EncodedLength(input));

    /// <summary>
    /// Adds <paramref name="input"/> unless it would take the frame past <see cref="MaxBytes"/> (<see cref="WouldOverflow"/>);
    /// false, with nothing added, if it would. Its envelope's length is found once (a packed event's counts its texts'
    /// UTF-8 bytes, decision 0037), where asking <see cref="WouldOverflow"/> and then adding found it twice.
    /// </summary>
    public bool TryAdd(BrandInput input)
    {
        var length = BrandEnvelope.EncodedLength(input);
        if (Overflows(length))
        {
            return false;
        }

        Append(input, length);
        return true;
    }

    // An envelope of this length would take a frame that holds something past MaxBytes (an empty frame takes any).
    private bool Overflows(int length) => Count > 0 && _length + 4 + length > MaxBytes;

    private void Append(BrandInput input, int length)
    {
        if (_length + 4 + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + 4 + length, Math.Min(2 * _buffer.Length, MaxBytes)));
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), length);
        BrandEnvelope.Write(input, _buffer.AsSpan(_length + 4, length));
        _length += 4 + length;
        Count++;
    }

    /// <summary>The frame's bytes, in a new array of their length; the frame is empty again after.</summary>
    public byte[] Take() => Take(arrays: null);

    /// <summary>
    /// The frame's bytes, for the producer: with <paramref name="arrays"/>, in the array it keeps for the frame's
    /// <see cref="PaddedLength"/>, zeros after the frame (a reader skips them), valid until the next frame of that length
    /// is taken; without, in a new array of their length. The frame is empty again after.
    /// </summary>
    public byte[] Take(FrameArrays? arrays)
    {
        _buffer[0] = BrandEnvelope.FrameKind;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1), Count);
        var bytes = arrays?.For(_length) ?? new byte[_length];
        _buffer.AsSpan(0, _length).CopyTo(bytes);
        bytes.AsSpan(_length).Clear();
        _length = BrandEnvelope.FrameHeaderBytes;
        Count = 0;
        if (_buffer.Length > MaxBytes)
        {
            _buffer = new byte[MaxBytes]; // an outsize record's room is not kept
        }

        return bytes;
    }

    /// <summary>
    /// <paramref name="length"/> rounded up to a sixteenth of the power of two at or above it (at least 64): less than an
    /// eighth more, and at most eight lengths an octave, so a source stage keeps about 80 arrays for all its frames.
    /// </summary>
    public static int PaddedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= 64)
        {
            return 64;
        }

        var step = (int)(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length) / 16);
        return (int)Math.Min(int.MaxValue, ((long)length + step - 1) / step * step);
    }
}

/// <summary>
/// The arrays a source stage sends its frames in, one per <see cref="BrandFrame.PaddedLength"/>, reused frame after frame
/// (docs/design.md, "Per-event cost"; decision 0035). The Kafka client (Confluent.Kafka 1.9.3) sends a value as a whole
/// array, with no offset or length, and copies it into librdkafka's buffers before <c>Produce</c> returns, so an array can
/// take the next frame of its length at once; a new array per frame was a quarter of what a live worker allocated. A
/// frame past <see cref="BrandFrame.MaxBytes"/> (one outsize record) gets an array of its own. Single-threaded.
/// </summary>
public sealed class FrameArrays
{
    private readonly Dictionary<int, byte[]> _byLength = [];

    /// <summary>Arrays made so far (for tests: a steady stream of frames makes none after its first).</summary>
    public int Made { get; private set; }

    /// <summary>The array for a frame of <paramref name="length"/> bytes: <see cref="BrandFrame.PaddedLength"/> long, its contents undefined.</summary>
    public byte[] For(int length)
    {
        if (length > BrandFrame.MaxBytes)
        {
            return new byte[length];
        }

        var padded = BrandFrame.PaddedLength(length);

        if (!_byLength.TryGetValue(padded, out var array))
        {
            _byLength[padded] = array = new byte[padded];
            Made++;
        }

        return array;
    }
}
