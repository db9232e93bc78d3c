using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Testing;

/// <summary>Clicks and the site sessions they started in campaign "spring" (<see cref="TestCampaigns.Spring"/>), for hand-computed tests.</summary>
public static class SessionScenario
{
    private const long Second = 1_000;
    private const long Minute = 60_000;

    /// <summary>
    /// u1 and u2 were shown anna's post-1, liked it and clicked (c1, c2); u3 the same with ben's post-b (c3); u4 clicked
    /// ben's post-b unseen (c4: not in the funnel's clicked stage). Sessions:
    /// s1 u1 by c1: 240 s, 5 pages; s2 u2 by c2: 5 s, 1 page, bounced; s3 u3 by link lnk-ben: 30 s, 2 pages;
    /// s4 u1 by link lnk-anna ten minutes on (c1 is the latest click): 90 s, 3 pages; s8 u4 by c4: 0 s, 1 page, bounced.
    /// Unmatched: s5 (u4 by lnk-anna: u4 never clicked anna), s7 (no click id or link). A dead letter: s6 (u3 names a
    /// click never seen).
    /// </summary>
    public static StreamEvent[] Events { get; } =
    [
        Impression("u1", T0, id: "i1"),
        Impression("u2", T0, id: "i2"),
        Impression("u3", T0, creator: "ben", content: "post-b", id: "i3"),
        Engagement("u1", T0 + Second, id: "g1"),
        Engagement("u2", T0 + Second, id: "g2"),
        Engagement("u3", T0 + Second, creator: "ben", content: "post-b", id: "g3"),
        Click("u1", T0 + (2 * Second), id: "c1") with { DwellMs = 40_000, Pages = 3 },
        Click("u2", T0 + (2 * Second), id: "c2") with { DwellMs = 2_000, Pages = 1 },
        Click("u3", T0 + (2 * Second), creator: "ben", content: "post-b", id: "c3"),
        Click("u4", T0 + (2 * Second), creator: "ben", content: "post-b", id: "c4"),
        Session("u1", T0 + (5 * Second), 240_000, 5, bounced: false, click: "c1", id: "s1"),
        Session("u2", T0 + (4 * Second), 5_000, 1, bounced: true, click: "c2", id: "s2"),
        Session("u3", T0 + (10 * Second), 30_000, 2, bounced: false, link: "lnk-ben", id: "s3"),
        Session("u1", T0 + (10 * Minute), 90_000, 3, bounced: false, link: "lnk-anna", id: "s4"),
        Session("u4", T0 + (10 * Second), 20_000, 2, bounced: false, link: "lnk-anna", id: "s5"),
        Session("u3", T0 + (10 * Second), 20_000, 2, bounced: false, click: "c-never", id: "s6"),
        Session("u5", T0 + (10 * Second), 20_000, 2, bounced: false, id: "s7"),
        Session("u4", T0 + (3 * Second), 0, 1, bounced: true, click: "c4", id: "s8"),
    ];
}
