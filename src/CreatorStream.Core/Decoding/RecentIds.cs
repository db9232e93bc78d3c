namespace CreatorStream.Core.Decoding;

/// <summary>
/// The user ids decoded lately, one per slot of a direct-mapped table: a user id seen again while its slot still holds
/// it is the same string instance, not a new one. A user's events come close together (a view, then a like or a
/// click), and the instance the brand task's journeys keep is the first one decoded (<c>StreamEvent.ShareUserId</c>),
/// so most repeats cost a hash and a compare instead of a string (docs/design.md, "Per-event cost"). Unlike
/// <see cref="IdPool"/> it never fills: a new id takes its slot from whatever held it. Only an instance is at stake,
/// never a value: a slot is compared char by char before it is used. Thread-safe without locks (decoding runs on
/// several threads): a slot is one reference, read and written whole, and a race only costs a string.
/// </summary>
internal sealed class RecentIds
{
    /// <summary>Slots in the table (a power of two): 512 KiB of references, and the strings they hold.</summary>
    public const int Slots = 1 << 16;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The string the slot of <paramref name="chars"/> holds when equal to them; otherwise a new one, which takes the slot.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        ref var slot = ref _slots[(int)(Sketches.UserHash.Of(chars) & (Slots - 1))];
        var held = Volatile.Read(ref slot);
        if (held is not null && chars.SequenceEqual(held))
        {
            return held;
        }

        var id = new string(chars);
        Volatile.Write(ref slot, id);
        return id;
    }
}
