using CreatorStream.Core.Events;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A content id two creators or two platforms share is reported once for each (docs/design.md, "Replay report"): before,
/// one took the other's place in the report, and which one depended on the order the store listed them in, so a live
/// run and a replay of the same events could disagree (CustomerValueLiveTests failed on it now and then).
/// </summary>
public sealed class SharedContentIdTests
{
    [Fact]
    public async Task Replay_ContentIdSharedByTwoCreatorsAndTwoPlatforms_ReportsEachPostUnderItsOwnKey()
    {
        var events = new StreamEvent[]
        {
            Click("u1", T0, creator: "anna", content: "post-1", id: "a1"),
            Click("u2", T0 + 1, creator: "anna", content: "post-1", id: "a2"),
            Click("u3", T0 + 2, creator: "ben", content: "post-1", id: "b1"),
            Impression("u4", T0 + 3, creator: "anna", content: "post-1", platform: Platform.TikTok, id: "t1"),
            Impression("u5", T0 + 4, creator: "anna", content: "post-2", id: "p2"),
        };

        var content = (await ScenarioReplay.RunAsync(TestCampaigns.Spring(), events)).Campaigns["spring"].Content;

        Assert.Equal(["post-1|anna|instagram", "post-1|anna|tiktok", "post-1|ben|instagram", "post-2"], content.Keys);
        Assert.Equal(("anna", "instagram", 2L, 0L), Row("post-1|anna|instagram"));
        Assert.Equal(("anna", "tiktok", 0L, 1L), Row("post-1|anna|tiktok"));
        Assert.Equal(("ben", "instagram", 1L, 0L), Row("post-1|ben|instagram"));
        Assert.Equal(("anna", "instagram", 0L, 1L), Row("post-2"));

        (string, string, long, long) Row(string key) => (content[key].CreatorId, content[key].Platform, content[key].Clicks, content[key].Impressions);
    }
}
