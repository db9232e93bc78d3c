using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Content;

/// <summary>
/// The content rules by hand (docs/design.md, "Content"): each compliance rule on posts written to hit and to miss it,
/// deliverables counted against their due times, and a post's share curve.
/// </summary>
public sealed class ContentTrackerTests
{
    private const long T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private const long Hour = 3_600_000;

    [Fact]
    public void Observe_CaptionWithoutDisclosure_IsFlaggedMissing_UnlessThePlatformLabelIsSet()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        tracker.Observe(Post("p1", caption: "Loving my new shoes! Use ANNA10 #adidas #ootd"), delta, [], 0);
        tracker.Observe(Post("p2", caption: "Loving my new shoes! Use ANNA10", label: true), delta, [], 0);
        tracker.Publish(delta);

        var flag = Assert.Single(delta.Flags.Values);
        Assert.Equal((ComplianceKinds.DisclosureMissing, "p1"), (flag.Kind, flag.ContentId)); // "#ad" is not in "#adidas"
        Assert.False(flag.Evidence.PaidPartnershipLabel ?? false);
        Assert.Equal("missing", delta.Posts[("spring", "anna|instagram|p1")].Disclosure);
        Assert.Equal("label", delta.Posts[("spring", "anna|instagram|p2")].Disclosure);
    }

    [Theory]
    [InlineData("Use ANNA10 #Werbung", null)] // German, another case
    [InlineData("Use ANNA10 — Paid partnership with Acme", null)]
    [InlineData("Use ANNA10 #adidas #adventure", ComplianceKinds.DisclosureMissing)]
    [InlineData("Use ANNA10 #ad!", null)]
    [InlineData("Use ANNA10 bad_sponsored", ComplianceKinds.DisclosureMissing)] // inside a word
    public void Observe_DisclosureTerms_MatchAsWholeWordsInAnyCase(string caption, string? expected)
    {
        var delta = new ContentDelta();
        Tracker().Observe(Post("p1", caption: caption), delta, [], 0);

        Assert.Equal(expected, delta.Flags.Values.SingleOrDefault()?.Kind);
    }

    [Theory]
    [InlineData("#ad Loving my Acme shoes, ANNA10", null, null, true)] // the brand's id, as a word, any case
    [InlineData("#ad Loving these shoes, ANNA10", "@ACME", null, true)] // a mention, with its '@'
    [InlineData("#ad Loving these shoes, ANNA10", null, "acme", true)] // a hashtag without its '#'
    [InlineData("#ad Loving my #acmeshoes, ANNA10", "@acmefan", "acmestyle", false)] // inside longer words: not the brand
    public void Observe_PostNamingTheBrand_IsCountedAsAMention(string caption, string? mention, string? hashtag, bool expected)
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        var post = Post("p1", caption: caption, hashtags: hashtag is null ? null : [hashtag]) with { Mentions = mention is null ? [] : [mention] };
        tracker.Observe(post, delta, [], 0);
        tracker.Publish(delta);

        Assert.Equal(expected, delta.Posts[("spring", "anna|instagram|p1")].MentionsBrand);
        var content = CampaignContent.Of(delta.Posts.Values, delta.Flags.Values, []);
        Assert.Equal(expected ? 1 : 0, Core.Reporting.PublishingReport.Of(content).Summary.PostsMentioningBrand);
    }

    [Fact]
    public void Observe_DisclosureOnlyInTheHashtagList_Counts()
    {
        var delta = new ContentDelta();
        Tracker().Observe(Post("p1", caption: "Use ANNA10", hashtags: ["shoes", "Anzeige"]), delta, [], 0);

        Assert.Empty(delta.Flags);
    }

    [Fact]
    public void Observe_DisclosurePastThePreview_IsBuried_CountingCharactersAsReadersSeeThem()
    {
        // Instagram shows 125 characters: "#ad" at character 133 (index 132: 11 + 120 + 1) is after the cut.
        var delta = new ContentDelta();
        Tracker().Observe(Post("p1", caption: "Use ANNA10 " + new string('a', 120) + " #ad"), delta, [], 0);
        var flag = Assert.Single(delta.Flags.Values);
        Assert.Equal(ComplianceKinds.DisclosureBuried, flag.Kind);
        Assert.Equal((132, 125, "#ad"), (flag.Evidence.TermPosition, flag.Evidence.PreviewChars, flag.Evidence.Term));

        // 110 emoji are 220 UTF-16 code units but 110 characters: "#ad" is character 123, inside the preview.
        var emoji = new ContentDelta();
        Tracker().Observe(Post("p2", caption: "ANNA10 " + string.Concat(Enumerable.Repeat("😀", 110)) + " #ad"), emoji, [], 0);
        Assert.Empty(emoji.Flags);
    }

    [Fact]
    public void Observe_AnEditThatAddsTheDisclosure_ClearsTheFlag_AndABreakingEditReopensIt()
    {
        var tracker = Tracker();
        var first = new ContentDelta();
        tracker.Observe(Post("p1", caption: "Use ANNA10", ts: T0 + 1_000), first, [], 0);
        var raised = Assert.Single(first.Flags.Values);

        var edit = new ContentDelta();
        tracker.Observe(Post("p1", caption: "#ad Use ANNA10", ts: T0 + 5_000, action: PostAction.Edited), edit, [], 0);
        var cleared = Assert.Single(edit.Flags.Values);
        Assert.Equal((raised.FlagId, T0 + 1_000, (long?)(T0 + 5_000)), (cleared.FlagId, cleared.RaisedAt, cleared.ClearedAt));

        var again = new ContentDelta();
        tracker.Observe(Post("p1", caption: "Use ANNA10", ts: T0 + 9_000, action: PostAction.Edited), again, [], 0);
        Assert.Null(Assert.Single(again.Flags.Values).ClearedAt);
    }

    [Fact]
    public void Observe_ALinkOfAnotherCreator_IsAMismatch_AndAPostWithoutTheCreatorsLinksOrCodesIsUntracked()
    {
        var delta = new ContentDelta();
        var tracker = Tracker();
        tracker.Observe(Post("p1", caption: "#ad my favourites", links: ["https://shop.example/go?link_id=lnk-bo-ig"]), delta, [], 0);
        tracker.Observe(Post("p2", caption: "#ad use ANNA100"), delta, [], 0); // not ANNA10
        tracker.Observe(Post("p3", caption: "#ad", links: ["https://shop.example/r/lnk-anna-ig"]), delta, [], 0);

        var kinds = delta.Flags.Values.Select(f => (f.ContentId, f.Kind, f.Evidence.LinkOwner)).OrderBy(f => f.ContentId).ThenBy(f => f.Kind).ToList();
        Assert.Equal(
            [("p1", ComplianceKinds.LinkMismatch, (string?)"bo"), ("p1", ComplianceKinds.UntrackedPost, null), ("p2", ComplianceKinds.UntrackedPost, null)],
            kinds);
        Assert.Equal(["lnk-anna-ig", "ANNA10"], delta.Flags.Values.First(f => f.Kind == ComplianceKinds.UntrackedPost).Evidence.Expected);
    }

    [Fact]
    public void ObserveClick_ALinkIdNotTheCreators_IsAMismatchCountingItsClicks()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        tracker.ObserveClick(Click("lnk-anna-ig"), delta);
        Assert.Empty(delta.Flags);

        tracker.ObserveClick(Click("lnk-bo-ig"), delta);
        tracker.ObserveClick(Click("lnk-bo-ig"), delta);
        tracker.ObserveClick(Click("lnk-unknown"), delta);

        var flags = delta.Flags.Values.OrderBy(f => f.Evidence.Link).ToList();
        Assert.Equal([("lnk-bo-ig", (string?)"bo", (long?)2), ("lnk-unknown", null, 1)], flags.Select(f => (f.Evidence.Link!, f.Evidence.LinkOwner, f.Evidence.Clicks)));
    }

    [Fact]
    public void Deliverables_AreCountedAgainstTheirDueTimes_AndAMissingOneIsAlertedOnce()
    {
        // Anna owes 2 instagram reels by T0 + 48 h, and 1 tiktok post of any format by T0 + 24 h.
        var due = T0 + (48 * Hour);
        var tracker = Tracker(
            new DeliverableConfig { Platform = "instagram", Format = "reel", Count = 2, Due = DateTimeOffset.FromUnixTimeMilliseconds(due) },
            new DeliverableConfig { Platform = "tiktok", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(T0 + (24 * Hour)) });
        var delta = new ContentDelta();
        var alerts = new List<Alert>();
        tracker.CheckDue(T0, delta, alerts, 0);
        Assert.Equal(["due", "due"], delta.Deliverables.Values.Select(d => d.Status)); // listed before anything is posted

        tracker.Observe(Post("r1", caption: "#ad ANNA10", ts: T0 + Hour, format: ContentFormat.Reel), delta, alerts, 0);
        tracker.Observe(Post("s1", caption: "#ad ANNA10", ts: T0 + (2 * Hour), platform: Platform.TikTok, format: ContentFormat.Short), delta, alerts, 0);
        tracker.CheckDue(due + ContentTracker.ReportGraceMs - 1, delta, alerts, 42);
        Assert.Empty(alerts); // within the reports' grace: the posts may yet be reported
        tracker.CheckDue(due + ContentTracker.ReportGraceMs, delta, alerts, 42);

        var reels = delta.Deliverables[("spring", "anna#0")];
        Assert.Equal((1, DeliverableStatus.Late), (reels.Posted, reels.Status));
        Assert.Equal(["r1"], reels.ContentIds);
        Assert.Equal(DeliverableStatus.Posted, delta.Deliverables[("spring", "anna#1")].Status);
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertKinds.DeliverableMissing, "anna", 42L, due), (alert.Kind, alert.CreatorId, alert.DetectedAtMs, alert.WindowEnd));
        Assert.Contains("Follow up with anna: 1 of 2 reels on instagram", alert.Details["recommendation"]!.GetValue<string>(), StringComparison.Ordinal);

        tracker.Observe(Post("r2", caption: "#ad ANNA10", ts: due + (2 * Hour), format: ContentFormat.Reel), delta, alerts, 0);
        Assert.Equal((2, DeliverableStatus.PostedLate, (long?)(due + (2 * Hour))), (delta.Deliverables[("spring", "anna#0")].Posted, delta.Deliverables[("spring", "anna#0")].Status, delta.Deliverables[("spring", "anna#0")].CompletedAt));

        tracker.Observe(Post("r1", ts: due + (3 * Hour), action: PostAction.Deleted, format: ContentFormat.Reel), delta, alerts, 0);
        Assert.Equal(DeliverableStatus.Late, delta.Deliverables[("spring", "anna#0")].Status);
        Assert.Single(alerts); // alerted once
    }

    [Fact]
    public void Observe_AReportOlderThanOneTaken_IsIgnored_WhicheverCameFirst()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        tracker.Observe(Post("p1", caption: "#ad Use ANNA10", ts: T0 + 5_000, action: PostAction.Edited), delta, [], 0);
        tracker.Observe(Post("p1", caption: "Use ANNA10", ts: T0 + 1_000), delta, [], 0); // the first report, arriving late
        tracker.Publish(delta);

        Assert.Empty(delta.Flags);
        Assert.Equal(("caption", (long?)(T0 + 5_000)), (delta.Posts[("spring", "anna|instagram|p1")].Disclosure, delta.Posts[("spring", "anna|instagram|p1")].UpdatedAt));
    }

    [Fact]
    public void ObserveClick_MadeUpLinkIds_FlagAtMostEightPerPost()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        for (var i = 0; i < 50; i++)
        {
            tracker.ObserveClick(Click($"lnk-fake-{i}"), delta);
        }

        tracker.ObserveClick(Click("lnk-fake-3"), delta); // a link already flagged still counts its clicks

        Assert.Equal(ContentTracker.MaxClickFlagsPerPost, delta.Flags.Count);
        Assert.Equal(2, delta.Flags.Values.Single(f => f.Evidence.Link == "lnk-fake-3").Evidence.Clicks);
    }

    [Fact]
    public void Observe_APostAfterItsDeliverableWasDue_IsLateAndAlerted_WhetherOrNotATickCameBetween()
    {
        var due = T0 + Hour;
        var deliverable = new DeliverableConfig { Platform = "instagram", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(due) };
        var withTick = Tracker(deliverable);
        var withoutTick = Tracker(deliverable);
        var (alertsWith, alertsWithout) = (new List<Alert>(), new List<Alert>());
        withTick.CheckDue(T0, new ContentDelta(), alertsWith, 0);
        withoutTick.CheckDue(T0, new ContentDelta(), alertsWithout, 0);
        var lateFrom = due + ContentTracker.ReportGraceMs;
        withTick.CheckDue(lateFrom + 60_000, new ContentDelta(), alertsWith, 0); // a live run's tick past the grace

        var (a, b) = (new ContentDelta(), new ContentDelta());
        withTick.Observe(Post("p1", caption: "#ad ANNA10", ts: lateFrom + (2 * 60_000)), a, alertsWith, 0);
        withoutTick.Observe(Post("p1", caption: "#ad ANNA10", ts: lateFrom + (2 * 60_000)), b, alertsWithout, 0);

        Assert.Equal(DeliverableStatus.PostedLate, a.Deliverables[("spring", "anna#0")].Status);
        Assert.Equal(DeliverableStatus.PostedLate, b.Deliverables[("spring", "anna#0")].Status);
        Assert.Equal(alertsWith.Select(x => x.AlertId), alertsWithout.Select(x => x.AlertId));
        Assert.Single(alertsWith);
    }

    [Fact]
    public void Observe_APostLiveByItsDueTimeButReportedAfterIt_IsPostedAndNotAlerted()
    {
        var due = T0 + Hour;
        var tracker = Tracker(new DeliverableConfig { Platform = "instagram", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(due) });
        var delta = new ContentDelta();
        var alerts = new List<Alert>();
        tracker.CheckDue(T0, delta, alerts, 0);

        // Published a minute before the due time, reported ten minutes after it.
        tracker.Observe(Post("p1", caption: "#ad ANNA10", ts: due + (10 * 60_000)) with { PublishedAt = due - 60_000 }, delta, alerts, 0);
        tracker.CheckDue(due + (2 * Hour), delta, alerts, 0);

        Assert.Equal(DeliverableStatus.Posted, delta.Deliverables[("spring", "anna#0")].Status);
        Assert.Empty(alerts);
    }

    [Fact]
    public void ObserveShare_BuildsTheCurveByHoursSincePublication()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        tracker.Observe(Post("p1", caption: "#ad ANNA10", ts: T0), delta, [], 0);
        foreach (var offset in new[] { 10 * 60_000L, Hour + (5 * 60_000), Hour + (20 * 60_000), 3 * Hour }) // hours 0, 1, 1, 3
        {
            tracker.ObserveShare(Share("p1", T0 + offset), delta);
        }

        Assert.Empty(delta.Posts); // written once a batch, not per share
        tracker.Publish(delta);
        var shares = delta.Posts[("spring", "anna|instagram|p1")].Shares;
        Assert.Equal((4L, 2L, (int?)1, "published"), (shares.Total, shares.PeakHourShares, shares.TimeToPeakHours, shares.Origin));
        Assert.Equal(4 / 3.0, shares.PerHour!.Value, 12);
    }

    [Fact]
    public void Insights_ADayReportedAgainReplacesIt_FiguresSumOverDays_ReachIsTheLargestDay()
    {
        var tracker = Tracker();
        var delta = new ContentDelta();
        tracker.ObserveInsight(Insight("p1", "2026-01-01", T0, impressions: 100, reach: 80, likes: 5), delta);
        tracker.ObserveInsight(Insight("p1", "2026-01-02", T0 + 1, impressions: 60, reach: 50, likes: 2), delta);
        tracker.ObserveInsight(Insight("p1", "2026-01-01", T0 + 2, impressions: 120, reach: 90, likes: null, source: "corrected"), delta);
        tracker.Publish(delta);

        var reported = delta.Posts[("spring", "anna|instagram|p1")].PlatformReported!;
        Assert.Equal(("corrected", 2, "2026-01-01", "2026-01-02", T0 + 2), (reported.Source, reported.Days, reported.FirstDay, reported.LastDay, reported.ImportedAt));
        Assert.Equal((180L, 90L, 2L, (long?)null), (reported.Impressions, reported.ReachMaxDay, reported.Likes, reported.Comments)); // the 1st's corrected row has no likes
    }

    [Fact]
    public void SaveAndLoad_KeepsEachPostsInsights_AndADayAfterTheRestoreAddsToThem()
    {
        var original = Tracker();
        original.ObserveInsight(Insight("p1", "2026-01-01", T0, impressions: 100, reach: 80, likes: 5), new ContentDelta());
        original.ObserveInsight(Insight("p1", "2026-01-03", T0 + 1, impressions: 7, reach: null, likes: 1), new ContentDelta());
        var writer = new Snapshots.SnapshotWriter();
        original.Save(writer);

        var restored = Tracker();
        restored.Load(new Snapshots.SnapshotReader(writer.ToArray()));
        var again = new Snapshots.SnapshotWriter();
        restored.Save(again);
        Assert.Equal(writer.ToArray(), again.ToArray());

        var delta = new ContentDelta();
        restored.ObserveInsight(Insight("p1", "2026-01-02", T0 + 2, impressions: 10, reach: 95, likes: null), delta);
        restored.Publish(delta);
        var reported = delta.Posts[("spring", "anna|instagram|p1")].PlatformReported!;
        Assert.Equal((3, 117L, 95L, 6L), (reported.Days, reported.Impressions, reported.ReachMaxDay, reported.Likes));
    }

    [Fact]
    public void SaveAndLoad_RestoresPostsFlagsAndDeliverables()
    {
        var deliverable = new DeliverableConfig { Platform = "instagram", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hour) };
        var original = Tracker(deliverable);
        original.Observe(Post("p1", caption: "Use ANNA10"), new ContentDelta(), [], 0);
        original.CheckDue(T0 + (2 * Hour), new ContentDelta(), [], 0);
        var writer = new Snapshots.SnapshotWriter();
        original.Save(writer);

        var restored = Tracker(deliverable);
        restored.Load(new Snapshots.SnapshotReader(writer.ToArray()));
        var again = new Snapshots.SnapshotWriter();
        restored.Save(again);
        Assert.Equal(writer.ToArray(), again.ToArray());

        var edit = new ContentDelta();
        var alerts = new List<Alert>();
        restored.Observe(Post("p1", caption: "#ad Use ANNA10", action: PostAction.Edited, ts: T0 + (3 * Hour)), edit, alerts, 0);
        Assert.NotNull(Assert.Single(edit.Flags.Values).ClearedAt); // the restored flag is cleared, not raised anew
        Assert.Empty(alerts); // the deliverable was complete already
    }

    private static Insight Insight(string content, string day, long ts, long? impressions, long? reach, long? likes, string source = "export") => new()
    {
        EventId = $"i-{content}-{day}-{ts}",
        Ts = ts,
        UserId = "anna",
        CampaignId = "spring",
        CreatorId = "anna",
        Platform = Platform.Instagram,
        ContentId = content,
        Day = DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Source = source,
        Impressions = impressions,
        Reach = reach,
        Likes = likes,
    };

    private static ContentTracker Tracker(params DeliverableConfig[] deliverables) => new(CampaignCatalog.From(new CampaignCatalogDocument
    {
        Campaigns =
        [
            new CampaignConfig
            {
                CampaignId = "spring",
                BrandId = "acme",
                Creators =
                [
                    new CreatorConfig { CreatorId = "anna", PromoCodes = ["ANNA10"], Links = ["lnk-anna-ig"], Deliverables = [.. deliverables] },
                    new CreatorConfig { CreatorId = "bo", Links = ["lnk-bo-ig"] },
                ],
            },
        ],
    }));

    private static PostEvent Post(
        string contentId,
        string? caption = null,
        long ts = T0,
        PostAction action = PostAction.Published,
        bool? label = null,
        string[]? hashtags = null,
        string[]? links = null,
        Platform platform = Platform.Instagram,
        ContentFormat format = ContentFormat.Post) => new()
        {
            EventId = $"post-{contentId}-{ts}",
            Ts = ts,
            UserId = "anna",
            CampaignId = "spring",
            CreatorId = "anna",
            Platform = platform,
            ContentId = contentId,
            ContentFormat = format,
            Action = action,
            PublishedAt = action == PostAction.Published ? ts : T0,
            Caption = caption,
            Hashtags = hashtags ?? [],
            Links = links ?? [],
            PaidPartnershipLabel = label,
        };

    private static Click Click(string linkId) => new()
    {
        EventId = "c-" + Guid.NewGuid().ToString("N"),
        Ts = T0,
        UserId = "u1",
        CampaignId = "spring",
        CreatorId = "anna",
        Platform = Platform.Instagram,
        ContentId = "p1",
        LinkId = linkId,
    };

    private static Engagement Share(string contentId, long ts) => new()
    {
        EventId = $"s-{ts}",
        Ts = ts,
        UserId = "u" + ts,
        CampaignId = "spring",
        CreatorId = "anna",
        Platform = Platform.Instagram,
        ContentId = contentId,
        Kind = EngagementKind.Share,
    };
}
