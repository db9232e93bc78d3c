using System.Buffers.Binary;

namespace CreatorStream.Core.Events;

/// <summary>
/// An <c>event_id</c> as long-lived state keeps it (deduplication for 24 hours, journeys for the lookback): exact, not a
/// hash. A <c>user_id</c> is held the same way, by the event and by the journeys and the classifier's accounts
/// (<c>StreamEvent.UserIdKey</c>): the same shapes are common there (a platform's short handle, a UUID). Two keys are equal exactly when their ids are, and order exactly as <see cref="string.CompareOrdinal(string, string)"/>
/// orders the ids, the tie-break docs/design.md, "Attribution" gives journeys. The common id shapes take no object at all: an id of
/// at most 16 printable ASCII characters is packed into 128 bits (zero-padded, so byte order is ordinal order), and a
/// canonical lower-case UUID is its 128-bit value (its hex digits and dashes order as its value does). Any other id keeps
/// its string. Immutable; thread-safe. The default value is no id.
/// </summary>
public readonly struct EventIdKey : IEquatable<EventIdKey>, IComparable<EventIdKey>
{
    private const int PackedMaxLength = 16;
    private const int UuidLength = 36;

    // Marks the UUID form in _other (no allocation per key); any other non-null _other is the id itself.
    private static readonly string UuidForm = new('-', 1);

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly string? _other;

    private EventIdKey(ulong high, ulong low, string? other)
    {
        _high = high;
        _low = low;
        _other = other;
    }

    /// <summary>The key of <paramref name="eventId"/>.</summary>
    public static EventIdKey Of(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return TryBits(eventId, out var high, out var low, out var shape) ? new EventIdKey(high, low, shape) : new EventIdKey(0, 0, eventId);
    }

    /// <summary>
    /// The key of the id <paramref name="eventId"/> spells: the same key as <see cref="Of(string)"/> of its string, which
    /// is made only when the key keeps it (the decoder reads ids onto its stack: a packed id or a UUID is then no object).
    /// </summary>
    public static EventIdKey Of(ReadOnlySpan<char> eventId) =>
        TryBits(eventId, out var high, out var low, out var shape) ? new EventIdKey(high, low, shape) : new EventIdKey(0, 0, new string(eventId));

    /// <summary>No id: the default key (what an event made without one holds).</summary>
    public bool IsNone => _other is null && _high == 0 && _low == 0;

    /// <summary>True when the id is empty or only white space (a packed id or a UUID never is).</summary>
    public bool IsBlank => IsKept ? string.IsNullOrWhiteSpace(_other) : IsNone;

    public bool Equals(EventIdKey other) =>
        _high == other._high && _low == other._low
        && (ReferenceEquals(_other, other._other) || (IsKept && other.IsKept && string.Equals(_other, other._other, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => obj is EventIdKey other && Equals(other);

    public override int GetHashCode() => IsKept ? _other!.GetHashCode(StringComparison.Ordinal) : HashCode.Combine(_high, _low);

    public int CompareTo(EventIdKey other)
    {
        if (ReferenceEquals(_other, other._other) && !IsKept)
        {
            var order = _high.CompareTo(other._high);
            return order != 0 ? order : _low.CompareTo(other._low);
        }

        // Two shapes (or a kept id): compare the ids' UTF-16 code units, as string.CompareOrdinal does, without making
        // their strings (a packed id or a UUID is ASCII, so its bytes are its chars).
        Span<char> left = stackalloc char[UuidLength];
        Span<char> right = stackalloc char[UuidLength];
        return Chars(left).SequenceCompareTo(other.Chars(right));
    }

    /// <summary>The id's chars: the kept string's, or a packed id's or a UUID's written into <paramref name="scratch"/> (room for a UUID).</summary>
    private ReadOnlySpan<char> Chars(Span<char> scratch)
    {
        if (IsKept)
        {
            return _other.AsSpan();
        }

        Span<byte> ascii = stackalloc byte[UuidLength];
        var length = WriteUtf8(ascii);
        for (var i = 0; i < length; i++)
        {
            scratch[i] = (char)ascii[i];
        }

        return scratch[..length];
    }

    /// <summary>The id itself.</summary>
    public override string ToString()
    {
        if (IsKept)
        {
            return _other!;
        }

        return new string(Chars(stackalloc char[UuidLength])); // a packed id or a UUID: ASCII, at most a UUID's length
    }

    public static bool operator ==(EventIdKey left, EventIdKey right) => left.Equals(right);

    public static bool operator !=(EventIdKey left, EventIdKey right) => !left.Equals(right);

    public static bool operator <(EventIdKey left, EventIdKey right) => left.CompareTo(right) < 0;

    public static bool operator >(EventIdKey left, EventIdKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventIdKey left, EventIdKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventIdKey left, EventIdKey right) => left.CompareTo(right) >= 0;

    /// <summary>The id's 128 bits when it is packed or a UUID (<paramref name="isUuid"/> says which); false when the key keeps the id's string.</summary>
    internal bool TryGetBits(out (ulong High, ulong Low) bits, out bool isUuid)
    {
        bits = (_high, _low);
        isUuid = ReferenceEquals(_other, UuidForm);
        return !IsKept;
    }

    /// <summary>
    /// The key's shape, which with its bits (<see cref="Bits"/>) makes the key again (<see cref="FromParts"/>): null for a
    /// packed id, one shared marker for every UUID, or the id itself when kept. A holder of many keys can keep the shape
    /// once for many of them (the journeys' touch sources do).
    /// </summary>
    internal string? Shape => _other;

    /// <summary>The key's 128 bits (zero for a kept id; <see cref="TryGetBits"/> says which shape they are).</summary>
    internal (ulong High, ulong Low) Bits => (_high, _low);

    /// <summary>The key of a packed id or a UUID (<paramref name="isUuid"/>) from its bits, as <see cref="TryGetBits"/> gave them.</summary>
    internal static EventIdKey FromBits(ulong high, ulong low, bool isUuid) => new(high, low, isUuid ? UuidForm : null);

    /// <summary>The key whose <see cref="Bits"/> and <see cref="Shape"/> these are.</summary>
    internal static EventIdKey FromParts(ulong high, ulong low, string? shape) => new(high, low, shape);

    /// <summary>The most bytes <see cref="WriteUtf8"/> may write for this key.</summary>
    internal int MaxUtf8Bytes => IsKept ? System.Text.Encoding.UTF8.GetMaxByteCount(_other!.Length) : UuidLength;

    /// <summary>
    /// Writes the id's UTF-8 bytes (what <see cref="ToString"/> decodes for a packed id or a UUID; a snapshot writes
    /// millions of ids, so without making their strings) into <paramref name="destination"/>, which has room for <see cref="MaxUtf8Bytes"/>; returns how many.
    /// </summary>
    internal int WriteUtf8(Span<byte> destination)
    {
        if (IsKept)
        {
            return System.Text.Encoding.UTF8.GetBytes(_other!, destination);
        }

        if (ReferenceEquals(_other, UuidForm))
        {
            // 8-4-4-4-12 hex digits, lower case: the high word's 16 digits, then the low word's. Digit by table from the
            // last, with no branch per character: a million users' snapshot writes millions of these (session 42).
            Span<byte> digits = stackalloc byte[32];
            Hex(_high, digits[..16]);
            Hex(_low, digits[16..]);
            digits[..8].CopyTo(destination);
            destination[8] = (byte)'-';
            digits[8..12].CopyTo(destination[9..]);
            destination[13] = (byte)'-';
            digits[12..16].CopyTo(destination[14..]);
            destination[18] = (byte)'-';
            digits[16..20].CopyTo(destination[19..]);
            destination[23] = (byte)'-';
            digits[20..].CopyTo(destination[24..]);
            return UuidLength;
        }

        // Packed: the ASCII bytes themselves, up to the zero padding.
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        var length = destination[..PackedMaxLength].IndexOf((byte)0);
        return length < 0 ? PackedMaxLength : length;
    }

    private bool IsKept => _other is not null && !ReferenceEquals(_other, UuidForm);

    // The 16 lower-case hex digits of value, most significant first.
    private static void Hex(ulong value, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (var i = 15; i >= 0; i--)
        {
            destination[i] = digits[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    // A packed id's or a UUID's bits and shape; false for any other id, which the key keeps.
    private static bool TryBits(ReadOnlySpan<char> id, out ulong high, out ulong low, out string? shape)
    {
        shape = null;
        if (TryPack(id, out high, out low))
        {
            return true;
        }

        shape = UuidForm;
        return TryUuid(id, out high, out low);
    }

    // Printable ASCII only (0x21..0x7E): zero padding then sorts below every character, so a shorter id that is a
    // prefix of a longer one sorts first, as ordinally.
    private static bool TryPack(ReadOnlySpan<char> id, out ulong high, out ulong low)
    {
        high = low = 0;
        if (id.Length is 0 or > PackedMaxLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[PackedMaxLength];
        bytes.Clear();
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (c is < '!' or > '~')
            {
                return false;
            }

            bytes[i] = (byte)c;
        }

        high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return true;
    }

    // Canonical lower-case 8-4-4-4-12 only: upper case would order differently from the value ('A' < 'a').
    private static bool TryUuid(ReadOnlySpan<char> id, out ulong high, out ulong low)
    {
        high = low = 0;
        if (id.Length != UuidLength)
        {
            return false;
        }

        var nibbles = 0;
        for (var i = 0; i < UuidLength; i++)
        {
            var c = id[i];
            if (i is 8 or 13 or 18 or 23)
            {
                if (c != '-')
                {
                    return false;
                }

                continue;
            }

            ulong nibble = c switch
            {
                >= '0' and <= '9' => (ulong)(c - '0'),
                >= 'a' and <= 'f' => (ulong)(c - 'a' + 10),
                _ => ulong.MaxValue,
            };
            if (nibble == ulong.MaxValue)
            {
                return false;
            }

            if (nibbles < 16)
            {
                high = (high << 4) | nibble;
            }
            else
            {
                low = (low << 4) | nibble;
            }

            nibbles++;
        }

        return true;
    }
}
