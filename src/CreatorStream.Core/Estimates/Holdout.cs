using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CreatorStream.Core.Configuration;

namespace CreatorStream.Core.Estimates;

/// <summary>Which group an order is in under a campaign's holdout (docs/design.md, "Estimates", incrementality).</summary>
public enum HoldoutGroup : byte
{
    Exposed,
    HeldOut,

    /// <summary>A country holdout and an order that names no country: in neither group (counted apart).</summary>
    Unassigned,
}

/// <summary>The holdout rule, shared by the stream and by whoever holds users out upstream (the generator, here).</summary>
public static class Holdout
{
    /// <summary>
    /// Whether a user is held out by a hashed share: the first 8 bytes of SHA-256 of "salt:user_id" (UTF-8), read
    /// big-endian as a fraction of 2^64, are below <paramref name="share"/>. Stable across processes and languages.
    /// </summary>
    public static bool IsHeldOut(string salt, string userId, double share)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + userId), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / 18446744073709551616.0 < share;
    }

    /// <summary>The group of an order by <paramref name="country"/> and <paramref name="userId"/> under <paramref name="holdout"/>.</summary>
    public static HoldoutGroup GroupOf(HoldoutConfig holdout, string? country, string userId)
    {
        if (holdout.Countries is { } countries)
        {
            return country is null ? HoldoutGroup.Unassigned
                : countries.Contains(country, StringComparer.OrdinalIgnoreCase) ? HoldoutGroup.HeldOut : HoldoutGroup.Exposed;
        }

        return IsHeldOut(holdout.Salt ?? "", userId, holdout.UserShare ?? 0) ? HoldoutGroup.HeldOut : HoldoutGroup.Exposed;
    }

    /// <summary>What the holdout is, in words for the report.</summary>
    public static string Describe(HoldoutConfig holdout) => holdout.Countries is { } countries
        ? "countries " + string.Join(", ", countries)
        : $"{holdout.UserShare:P0} of users by hash";
}
