namespace CreatorStream.Core.State;

/// <summary>
/// The windows after a customer's first order in which a repeat purchase is counted (docs/design.md, "Customer value"),
/// as bits: a purchase 20 days after the first falls in all three, one 100 days after in the 180-day window alone.
/// </summary>
public static class RepeatWindows
{
    public const byte Days30 = 1;

    public const byte Days90 = 2;

    public const byte Days180 = 4;

    public const long DayMs = 86_400_000;

    /// <summary>The longest window: a customer's first order is remembered this long.</summary>
    public const long LongestMs = 180 * DayMs;

    /// <summary>The windows a purchase <paramref name="sinceFirstMs"/> after the customer's first order falls in; none before it or past 180 days.</summary>
    public static byte Of(long sinceFirstMs) =>
        sinceFirstMs is < 0 or > LongestMs ? (byte)0 : (byte)((sinceFirstMs <= 30 * DayMs ? Days30 : 0) | (sinceFirstMs <= 90 * DayMs ? Days90 : 0) | Days180);
}
