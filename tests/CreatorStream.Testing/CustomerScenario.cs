using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Testing;

/// <summary>
/// Customers of brand acme over 200 days, for the hand-computed customer value tests (docs/design.md, "Customer value")
/// on <see cref="TestCampaigns.Spring"/> (last touch, a 30-day lookback). From <see cref="EventBuilder.T0"/>:
/// <list type="bullet">
/// <item>c1 clicks anna and buys 100: acquired by anna. Buys 50 on day 40 and 70 on day 100, with no touch in the
/// lookback (nobody is credited), then returns half of the day-100 order on day 101: anna's repeat customers 1 within 90
/// and 180 days (none within 30), repeat revenue 50 within 90 and 50 + 70 − 35 = 85 within 180.</item>
/// <item>c2 clicks ben and buys 80, the store saying not new: returning, acquired by nobody. Buys 20 on day 10, ben's
/// click still in the lookback: returning again, no repeat credit. So ben: 2 returning.</item>
/// <item>c3 clicks anna 2 hours in and buys 30: acquired by anna. Buys 60 on day 200, past the 180 days: new again
/// (the store does not say otherwise), with no touch, so credited to nobody.</item>
/// <item>u4 clicks anna and buys 40 with no customer id: credited to anna, in none of her customer figures.</item>
/// </list>
/// So anna: acquired 2 (revenue 130), cohort revenue 130 + 85 = 215.
/// </summary>
public static class CustomerScenario
{
    public const long Day = 86_400_000;

    /// <summary>The events in event-time order (out of order by months they would be late, and dropped).</summary>
    public static StreamEvent[] Events() =>
    [.. new StreamEvent[]
    {
        Click("u1", T0, creator: "anna", id: "c1-click"),
        Buy("u1", "c1", T0 + Minute, 100m, "c1-first"),
        Buy("u1", "c1", T0 + (40 * Day), 50m, "c1-day40"),
        Buy("u1", "c1", T0 + (100 * Day), 70m, "c1-day100"),
        Conversion("u1", T0 + (101 * Day), -35m, id: "c1-refund") with { OrderId = "order-c1-day100" },
        Click("u2", T0, creator: "ben", id: "c2-click"),
        Buy("u2", "c2", T0 + Minute, 80m, "c2-first") with { IsNewCustomer = false },
        Buy("u2", "c2", T0 + (10 * Day), 20m, "c2-day10"),
        Click("u3", T0 + (2 * Hour), creator: "anna", id: "c3-click"),
        Buy("u3", "c3", T0 + (2 * Hour) + Minute, 30m, "c3-first"),
        Buy("u3", "c3", T0 + (200 * Day), 60m, "c3-day200"),
        Click("u4", T0 + (150 * Minute), creator: "anna", id: "u4-click"),
        Buy("u4", null, T0 + (3 * Hour), 40m, "no-customer"),
    }.OrderBy(e => e.Ts)];

    private const long Minute = 60_000;

    private const long Hour = 60 * Minute;

    private static Conversion Buy(string user, string? customer, long ts, decimal value, string id) =>
        Conversion(user, ts, value, id: id) with { CustomerId = customer };
}
