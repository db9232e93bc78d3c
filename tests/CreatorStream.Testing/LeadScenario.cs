using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Testing;

/// <summary>Leads and their updates in campaign "spring" (<see cref="TestCampaigns.Spring"/>), for hand-computed tests.</summary>
public static class LeadScenario
{
    private const long Hour = 3_600_000;

    /// <summary>
    /// l1: u1 clicked anna then ben (last touch ben, first touch anna): qualified, then won.
    /// l2: u2 clicked anna: won, with an older disqualification that comes after it in the file.
    /// l3: u3 clicked ben: qualified, then disqualified.
    /// p9: u9 bought with no touch; an update of it is no lead's, and one names an order never seen.
    /// </summary>
    public static StreamEvent[] Events { get; } =
    [
        Click("u1", T0, creator: "anna", content: "post-1", id: "c1"),
        Click("u2", T0, creator: "anna", content: "post-1", id: "c2"),
        Click("u1", T0 + Hour, creator: "ben", content: "post-b", id: "c3"),
        Click("u3", T0 + Hour, creator: "ben", content: "post-b", id: "c4"),
        Conversion("u1", T0 + (2 * Hour), 0m, id: "l1") with { Kind = ConversionKind.Lead },
        Conversion("u2", T0 + (2 * Hour), 0m, id: "l2") with { Kind = ConversionKind.Lead },
        Conversion("u3", T0 + (2 * Hour), 0m, id: "l3") with { Kind = ConversionKind.Lead },
        Conversion("u9", T0 + (2 * Hour), 40m, id: "p9"),
        Update("order-l1", "lu-1", T0 + (3 * Hour), LeadStatus.Qualified),
        Update("order-l3", "lu-2", T0 + (3 * Hour), LeadStatus.Qualified),
        Update("order-l2", "lu-3", T0 + (4 * Hour) + 2_000, LeadStatus.Won),
        Update("order-l2", "lu-4", T0 + (4 * Hour), LeadStatus.Disqualified), // older: the win stands
        Update("order-l3", "lu-5", T0 + (5 * Hour), LeadStatus.Disqualified),
        Update("order-l1", "lu-6", T0 + (5 * Hour), LeadStatus.Won),
        Update("order-p9", "lu-7", T0 + (5 * Hour), LeadStatus.Qualified),
        Update("order-zz", "lu-8", T0 + (5 * Hour), LeadStatus.Qualified),
    ];

    private static LeadUpdate Update(string order, string id, long ts, LeadStatus status) =>
        new() { EventId = id, Ts = ts, UserId = "u", BrandId = "acme", OrderId = order, Status = status, Score = 70m };
}
