using System.Globalization;

namespace CreatorStream.Simulation;

/// <summary>
/// The synthetic population. A user is a number; everything about them (id, devices, home IP, user agent,
/// country, account age) is a hash of that number and the seed, so nothing is stored and memory stays flat
/// however many users a run meets. Ids look alike for genuine and fake accounts. Immutable; thread-safe.
/// </summary>
internal sealed class Audience(int seed)
{
    /// <summary>First index of users outside every campaign pool (viral reach, shoppers the campaign never touched).</summary>
    public const long OutsidersStart = 1L << 40;

    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "BR", "IN", "CA", "AU", "ES", "MX"];
    private static readonly double[] CountryWeights = [34, 12, 11, 8, 8, 8, 7, 5, 4, 3];

    // Carrier-grade NAT: mobile sessions come from a shared pool of addresses, so genuine users share IPs too.
    private const int CarrierAddresses = 4_000;

    // Distinct user agents in circulation: popular phone and browser builds are shared by many users.
    private const int UserAgents = 300;

    private readonly ulong _salt = Prng.Mix((uint)seed ^ 0xA5A5_5A5A_C3C3_3C3CUL);

    /// <summary>A genuine user in one session: usually the main device and the home IP, sometimes the second device or a carrier IP.</summary>
    public AudienceMember Genuine(long index, Prng rng)
    {
        var device = rng.Chance(0.8) ? Hash(index, 3) : Hash(index, 4);
        var ip = rng.Chance(0.65) ? Hash(index, 5) : Hash(rng.Next(CarrierAddresses), 6);
        var u = Unit(Hash(index, 7));

        // Established accounts: mostly one to eight years old, 3 % under a month (new but real users).
        var age = u < 0.03 ? 1 + (int)(u / 0.03 * 29) : 30 + (int)(2_900 * Math.Pow(Unit(Hash(index, 8)), 1.3));
        return new AudienceMember(
            UserId(index),
            Hex("ip-", ip),
            Hex("d-", device),
            Hex("ua-", Hash((long)(Hash(index, 9) % UserAgents), 10)),
            Country(Hash(index, 11)),
            age);
    }

    /// <summary>The id of genuine user <paramref name="index"/>.</summary>
    public string UserId(long index) => Hex("u-", Hash(index, 1));

    /// <summary>The id of fake account <paramref name="index"/> (a separate numbering, the same look).</summary>
    public string FakeUserId(long index) => Hex("u-", Hash(index, 2));

    /// <summary>An identifier of the given kind (<c>ip-</c>, <c>d-</c>, <c>ua-</c>) for fake infrastructure number <paramref name="index"/>.</summary>
    public string FakeIdentifier(string prefix, long index) => Hex(prefix, Hash(index, 12 + (ulong)prefix[0]));

    /// <summary>A country drawn from the audience's mix.</summary>
    public static string Country(Prng rng) => Countries[rng.PickWeighted(CountryWeights)];

    private static string Country(ulong hash)
    {
        var target = Unit(hash) * 100; // the weights are percentages
        for (var i = 0; i < Countries.Length; i++)
        {
            target -= CountryWeights[i];
            if (target < 0)
            {
                return Countries[i];
            }
        }

        return Countries[^1];
    }

    private ulong Hash(long index, ulong field) => Prng.Mix(_salt ^ Prng.Mix(((ulong)index * 0x9E37_79B9_7F4A_7C15UL) + field));

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    // 40 bits of hash: unique enough for millions of users (a collision merges two users, which is harmless).
    private static string Hex(string prefix, ulong hash) => prefix + (hash & 0xFF_FFFF_FFFFUL).ToString("x10", CultureInfo.InvariantCulture);
}
