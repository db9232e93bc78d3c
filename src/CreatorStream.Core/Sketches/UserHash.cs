namespace CreatorStream.Core.Sketches;

/// <summary>
/// A 64-bit hash of a user id that is the same in every process and on every machine (unlike
/// <see cref="string.GetHashCode()"/>), so sketches built by different workers merge. FNV-1a over the
/// UTF-16 code units, then MurmurHash3's fmix64 finalizer so that every output bit depends on every input bit
/// (HyperLogLog reads the top bits as a register index and the rest as a rank).
/// </summary>
public static class UserHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Of(string userId) => Of(userId.AsSpan());

    public static ulong Of(ReadOnlySpan<char> userId)
    {
        var hash = FnvOffset;
        foreach (var c in userId)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>MurmurHash3 fmix64: a bijective avalanche step.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccd;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53;
        value ^= value >> 33;
        return value;
    }
}
