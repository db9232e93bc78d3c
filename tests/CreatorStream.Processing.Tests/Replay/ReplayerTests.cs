using System.Text;
using System.Text.Json;
using CreatorStream.Core.Events;
using CreatorStream.Core.Json;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

public sealed class ReplayerTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>
    /// Seventeen lines, every figure computed by hand:
    /// anna: post-1 (instagram) seen by u1, u2, u3; post-2 (tiktok) seen by u1 and u4 → 5 impressions, reach 4
    /// (u1 on both platforms counts once); likes u1, u2 and a comment u3 on post-1, a share u4 on post-2; clicks u1, u2 on post-1.
    /// ben: post-b (instagram) seen by u2 → 1 impression. One duplicate line, one broken line, one unknown campaign,
    /// one blank line (skipped) and one event two hours behind the newest (late: beyond the 1 h allowance).
    /// Campaign reach: u1..u4 = 4.
    /// </summary>
    private static readonly string[] Lines =
    [
        Text(Impression("u1", T0 + 1_000, content: "post-1", id: "i1")),
        Text(Impression("u2", T0 + 2_000, content: "post-1", id: "i2")),
        Text(Impression("u3", T0 + 3_000, content: "post-1", id: "i3")),
        Text(Impression("u1", T0 + 4_000, content: "post-2", platform: Platform.TikTok, id: "i4")),
        Text(Impression("u4", T0 + 65_000, content: "post-2", platform: Platform.TikTok, id: "i5")),
        Text(Impression("u2", T0 + 66_000, creator: "ben", content: "post-b", id: "i6")),
        Text(Engagement("u1", T0 + 5_000, EngagementKind.Like, id: "g1")),
        Text(Engagement("u2", T0 + 6_000, EngagementKind.Like, id: "g2")),
        Text(Engagement("u3", T0 + 7_000, EngagementKind.Comment, id: "g3")),
        Text(Engagement("u4", T0 + 70_000, EngagementKind.Share, content: "post-2", platform: Platform.TikTok, id: "g4")),
        Text(Click("u1", T0 + 8_000, id: "c1")),
        Text(Click("u2", T0 + 9_000, id: "c2")),
        Text(Click("u2", T0 + 9_000, id: "c2")),
        """{"type":"impression","event_id":"broken""",
        Text(Impression("u9", T0 + 9_500, campaign: "autumn", id: "x1")),
        "",
        Text(Impression("u8", T0 - (2 * 3_600_000), id: "late")),
    ];

    [Fact]
    public async Task RunAsync_HandComputedFile_GivesTheExpectedReport()
    {
        var report = (await ReplayAsync(Lines)).Report;

        var spring = report.Campaigns["spring"];
        var totals = spring.Totals;
        Assert.Equal(6, totals.Impressions);
        Assert.Equal(4, totals.Reach);
        Assert.Equal(new EngagementCounts { Like = 2, Comment = 1, Share = 1, Save = 0, Total = 4 }, totals.Engagements);
        Assert.Equal(4, totals.AuthenticEngagements);
        Assert.Equal(1.0, totals.EngagementRate);
        Assert.Equal(2, totals.Clicks);
        Assert.Equal(2.0 / 6, totals.Ctr!.Value, 12);

        // EMV: instagram 4 impressions × 8/1000 + tiktok 2 × 4/1000 + 2 likes × 0.05 + 1 comment × 0.5 + 1 share × 0.75
        Assert.Equal((4 * 0.008) + (2 * 0.004) + 0.1 + 0.5 + 0.75, totals.Emv, 12);

        var anna = spring.Creators["anna"];
        Assert.Equal(5, anna.Impressions);
        Assert.Equal(4, anna.Reach);
        Assert.Equal(1.0, anna.AuthenticityScore);
        Assert.Equal(1.0, anna.EngagementRate); // 4 authentic engagements over a reach of 4
        Assert.Equal(2.0 / 5, anna.Ctr!.Value, 12);
        var ben = spring.Creators["ben"];
        Assert.Equal(1, ben.Impressions);
        Assert.Equal(0.0, ben.Ctr); // 0 clicks over 1 impression is 0, not null
        Assert.Equal(0.0, ben.EngagementRate); // 0 engagements over a reach of 1: 0, not null
        Assert.Null(ben.AuthenticityScore); // no engagements: no share to report

        var post1 = spring.Content["post-1"];
        Assert.Equal(("anna", "instagram", "reel"), (post1.CreatorId, post1.Platform, post1.ContentFormat));
        Assert.Equal(3, post1.Impressions);
        Assert.Equal(3, post1.Reach);
        Assert.Equal(2, post1.Clicks);
        Assert.Equal(2, spring.Content["post-2"].Reach);

        Assert.Equal(1, report.Duplicates);
        Assert.Equal(3, report.DeadLetters);
        Assert.Equal(1, report.DeadLettersByReason["INVALID_JSON"]);
        Assert.Equal(1, report.DeadLettersByReason["UNKNOWN_CAMPAIGN"]);
        Assert.Equal(1, report.DeadLettersByReason["LATE"]);
        Assert.Equal(1, report.Late);
    }

    [Fact]
    public async Task RunAsync_LateLine_IsCountedAsLateAndAsADeadLetter()
    {
        string[] lines =
        [
            Text(Impression("u1", T0 + (3 * 3_600_000), id: "new")),
            Text(Impression("u2", T0, id: "old")),
        ];

        var outcome = await ReplayAsync(lines);

        Assert.Equal(1, outcome.Report.Late);
        Assert.Equal(1, outcome.Report.DeadLetters);
        Assert.Equal(1, outcome.Report.Campaigns["spring"].Totals.Impressions);
        Assert.Equal("old", JsonDocument.Parse(outcome.DeadLetters[0].Record.Value).RootElement.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task RunAsync_SameFileTwice_GivesIdenticalReportBytes()
    {
        var first = JsonSerializer.Serialize((await ReplayAsync(Lines)).Report, CoreJsonContext.Default.ReplayReport);
        var second = JsonSerializer.Serialize((await ReplayAsync(Lines)).Report, CoreJsonContext.Default.ReplayReport);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RunAsync_BatchBoundariesAnywhere_GiveTheSameReport()
    {
        var whole = JsonSerializer.Serialize((await ReplayAsync(Lines)).Report, CoreJsonContext.Default.ReplayReport);

        foreach (var batchSize in new[] { 1, 2, 5 })
        {
            var replayer = new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, Clock) { BatchSize = batchSize };
            var outcome = await replayer.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Lines))), null, CancellationToken.None);
            Assert.Equal(whole, JsonSerializer.Serialize(outcome.Report, CoreJsonContext.Default.ReplayReport));
        }
    }

    private static Task<ReplayOutcome> ReplayAsync(IEnumerable<string> lines) =>
        new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, Clock)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))), null, CancellationToken.None);

    private static string Text(StreamEvent e) => Encoding.UTF8.GetString(Line(e));
}
