using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Kafka;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Content": post reports on their own topic (creatorstream.posts) reach the brand task through both
/// stages and the broker, and the live store's report equals the replay report of the same events: the posts, the flags
/// (one raised and cleared by an edit, a post linking another creator, a click through another creator's link), the
/// deliverables and a post's shares.
/// </summary>
public sealed class PostsLiveTests
{
    [Fact]
    public async Task Worker_PostsOnTheirTopic_ReportFromItsStoreEqualsTheReplayReport()
    {
        var document = TestCampaigns.Spring().Document;
        document.Campaigns[0].Creators[0].Deliverables =
        [
            new DeliverableConfig { Platform = "instagram", Format = "reel", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(T0 + 600_000) },
            new DeliverableConfig { Platform = "tiktok", Count = 1, Due = DateTimeOffset.FromUnixTimeMilliseconds(T0 + 1_200_000) },
        ];
        var catalog = CampaignCatalog.From(document);
        StreamEvent[] events =
        [
            Post("post-1", T0, "Spring picks, code ANNA10"),
            Post("post-b", T0 + 1_000, "#ad spring", creator: "ben", links: ["https://shop.example/?link_id=lnk-anna"]),
            Impression("u1", T0 + 2_000),
            Engagement("u1", T0 + 3_000, EngagementKind.Share),
            Engagement("u2", T0 + 4_000, EngagementKind.Share),
            Click("u1", T0 + 5_000, creator: "ben", content: "post-b") with { LinkId = "lnk-anna" },
            Post("post-1", T0 + 300_000, "#ad Spring picks, code ANNA10", action: PostAction.Edited),
            Impression("u3", T0 + 1_200_000 + ContentTracker.ReportGraceMs + 60_000), // event time passes both due times and the reports' grace
        ];

        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(events, Topics.All, catalog);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        var publishing = replay["campaigns"]!["spring"]!["publishing"]!;
        var flags = publishing["compliance_flags"]!.AsArray().Select(f => (f!["content_id"]!.GetValue<string>(), f["kind"]!.GetValue<string>(), f["cleared_at"] is not null)).Order().ToList();
        Assert.Equal(
            [("post-1", "disclosure_missing", true), ("post-b", "link_mismatch", false), ("post-b", "link_mismatch", false), ("post-b", "untracked_post", false)], // ben's post carries none of his own links or codes
            flags);
        var deliverables = publishing["deliverables"]!.AsArray().Select(d => (d!["deliverable_id"]!.GetValue<string>(), d["status"]!.GetValue<string>())).ToList();
        Assert.Equal([("anna#0", "posted"), ("anna#1", "late")], deliverables);
        var post = publishing["posts"]!.AsArray().Single(p => p!["content_id"]!.GetValue<string>() == "post-1")!;
        Assert.Equal(2L, post["shares"]!["total"]!.GetValue<long>());
    }
}
