using CreatorStream.Core.Events;
using CreatorStream.Host.Collect;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>Visits assembled from beacons and ended after the idle time, in virtual time (docs/design.md, "Collector").</summary>
public sealed class OpenSessionsTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    // As SiteEvents makes them: named by the page's start, timed by the collector.
    private static SiteSession Beacon(string id, long startedAt, int pageviews, string? click = null, string? link = null, string brand = "acme") => new()
    {
        EventId = $"session-{id}-{startedAt}",
        Ts = startedAt,
        UserId = "v1",
        BrandId = brand,
        SessionId = id,
        StartedAt = startedAt,
        DurationMs = 0,
        Pageviews = pageviews,
        Bounced = false,
        ClickEventId = click,
        LinkId = link,
    };

    [Fact]
    public void AVisit_EndsAfterTheIdleTime_NotBefore_FromItsFirstBeaconToItsLast()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromMinutes(30), 100, clock);
        var t0 = Start.ToUnixTimeMilliseconds();

        visits.Touch(Beacon("s1", t0, 1, click: "c1", link: "lnk-anna"));
        clock.Advance(TimeSpan.FromMinutes(4));
        visits.Touch(Beacon("s1", t0 + 240_000, 3) with { EventId = "session-s1-later" }); // the visit keeps its first beacon's start and name
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(visits.Close()); // exactly the idle time since the last beacon: still open
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var session = Assert.Single(visits.Close());

        Assert.Equal(
            ($"session-s1-{t0}", t0 + 240_000, t0, 240_000L, 3, false, "c1", "lnk-anna"),
            (session.EventId, session.Ts, session.StartedAt, session.DurationMs, session.Pageviews, session.Bounced, session.ClickEventId, session.LinkId));
        Assert.Equal(0, visits.Count);
    }

    [Fact]
    public void AOnePageVisit_IsABounce_OfNoDuration()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromSeconds(10), 100, clock);

        visits.Touch(Beacon("s1", Start.ToUnixTimeMilliseconds(), 1));
        var session = Assert.Single(visits.Close(all: true));

        Assert.Equal((true, 0L), (session.Bounced, session.DurationMs));
    }

    [Fact]
    public void Pageviews_AreTheMostAnyBeaconReported_WhateverTheOrderTheyCameIn()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromSeconds(10), 100, clock);
        var t0 = Start.ToUnixTimeMilliseconds();

        visits.Touch(Beacon("s1", t0, 4));
        visits.Touch(Beacon("s1", t0, 2));

        Assert.Equal(4, Assert.Single(visits.Close(all: true)).Pageviews);
    }

    [Fact]
    public void ANewVisit_BeyondItsBrandsCapacity_IsNotHeld_ButOpenOnesAndOtherBrandsGoOn()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromSeconds(10), 1, clock);
        var t0 = Start.ToUnixTimeMilliseconds();

        Assert.Equal(VisitTouch.Held, visits.Touch(Beacon("s1", t0, 1)));
        Assert.Equal(VisitTouch.Full, visits.Touch(Beacon("s2", t0, 1)));
        Assert.Equal(VisitTouch.Held, visits.Touch(Beacon("s1", t0, 2)));
        Assert.Equal(VisitTouch.Held, visits.Touch(Beacon("s3", t0, 1, brand: "nordlys")));
        Assert.Single(visits.Close(all: true), s => s.BrandId == "acme");
        Assert.Equal(VisitTouch.Held, visits.Touch(Beacon("s2", t0, 1))); // room again once acme's visit ended
    }

    [Fact]
    public void ABeaconAfterItsVisitEnded_IsNotASecondVisit()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromMinutes(30), 100, clock);
        var t0 = Start.ToUnixTimeMilliseconds();
        visits.Touch(Beacon("s1", t0, 3));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Single(visits.Close());

        clock.Advance(TimeSpan.FromHours(2)); // a tab left open, seen again
        Assert.Equal(VisitTouch.Ended, visits.Touch(Beacon("s1", t0, 3)));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(visits.Close(all: true));
    }

    [Fact]
    public void AVisitPutBack_AfterAFailedWrite_EndsAgainAsTheSameSession()
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromSeconds(10), 100, clock);
        var t0 = Start.ToUnixTimeMilliseconds();
        visits.Touch(Beacon("s1", t0, 2));
        clock.Advance(TimeSpan.FromSeconds(5));
        visits.Touch(Beacon("s1", t0, 3));
        clock.Advance(TimeSpan.FromSeconds(11));
        var first = Assert.Single(visits.Close());

        visits.Restore([first]);
        clock.Advance(TimeSpan.FromMinutes(5));
        var again = Assert.Single(visits.Close());

        Assert.Equal(first, again);
    }
}
