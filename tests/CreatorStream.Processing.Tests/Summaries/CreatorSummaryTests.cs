using System.Text;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Processing.Summaries;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Processing.Tests.Summaries;

/// <summary>
/// Creators' period summaries (docs/design.md, "Creator summaries"): which periods are finished, the figures and
/// comparisons of <see cref="CommissionScenario"/> replayed to 80 h (each by hand; the statements' own figures are
/// worked out in CommissionReplayTests), milestones on made-up days, the text and HTML a mailer gets, and the outbox.
/// </summary>
public sealed class CreatorSummaryTests
{
    private static readonly CampaignConfig Spring = Catalog().Campaigns[0];
    private static readonly CreatorConfig Anna = Spring.Creators.Single(c => c.CreatorId == "anna");

    [Fact]
    public void FinishedPeriods_AWeekWithoutAPlan_EndsAnHourOfLatenessAfterItsSunday()
    {
        var weekly = Anna with { Commission = null };
        var wednesday = T0 + (2 * Day); // T0 is a Monday

        Assert.Empty(SummaryComposer.FinishedPeriods(weekly, wednesday, T0 + (7 * Day) + (59 * 60_000)));
        Assert.Equal([T0], SummaryComposer.FinishedPeriods(weekly, wednesday, T0 + (7 * Day) + Hour));
        Assert.Equal([T0, T0 + (7 * Day)], SummaryComposer.FinishedPeriods(weekly, wednesday, T0 + (14 * Day) + Hour));
    }

    [Fact]
    public void FinishedPeriods_ADailyPlanOverMonths_KeepsTheLastSixtyTwo()
    {
        var periods = SummaryComposer.FinishedPeriods(Anna, T0, T0 + (100 * Day) + Hour);

        Assert.Equal(SummaryComposer.MaxPeriods, periods.Count);
        Assert.Equal((T0 + (38 * Day), T0 + (99 * Day)), (periods[0], periods[^1]));
    }

    [Fact]
    public async Task Read_TheScenarioAt80Hours_HasEachFinishedDaysFiguresByHand()
    {
        var store = await ReplayAsync(T0 + (80 * Hour));

        var anna = await SummaryReader.ReadAsync(store, Spring, Anna, CancellationToken.None);
        var ben = await SummaryReader.ReadAsync(store, Spring, Spring.Creators.Single(c => c.CreatorId == "ben"), CancellationToken.None);

        // Days finished an hour before 80 h (5 March 08:00): 2, 3 and 4 March. Anna: her two clicks on the first day;
        // u1's and u2's orders both credit her under some model (linear, last touch), u3's signup does not. Commission
        // (CommissionReplayTests): 10 % of 230 credited + 20 flat on the first day, all cleared; 20 flat on each other.
        Assert.Equal([T0, T0 + Day, T0 + (2 * Day)], anna.Select(s => s.PeriodStart));
        Assert.Equal(
            [(2L, 2L, 43.0, 0.0, 43.0), (0L, 0L, 20.0, 0.0, 20.0), (0L, 0L, 20.0, 0.0, 20.0)],
            anna.Select(s => (s.Figures.Clicks, s.Figures.Conversions, Round(s.Figures.CommissionAccrued), Round(s.Figures.CommissionHeld), Round(s.Figures.CommissionPayable))));
        Assert.All(anna, s => Assert.Equal("draft", s.Figures.StatementState));
        Assert.Null(anna[0].Previous);
        Assert.Equal(anna[0].Figures, anna[1].Previous);
        Assert.Equal([["First conversion"], [], []], anna.Select(s => s.Milestones));
        Assert.All(anna, s => Assert.Equal(T0 + (80 * Hour), s.AsOf));

        // Ben: two clicks and three orders (u1's last touch, his code on u2's, u3's signup); 100 + 6 + 5; the tick on day 2.
        Assert.Equal(
            [(2L, 3L, 0L, 111.0), (0L, 0L, 1L, 0.0), (0L, 0L, 0L, 0.0)],
            ben.Select(s => (s.Figures.Clicks, s.Figures.Conversions, s.Figures.Impressions, Round(s.Figures.CommissionAccrued))));
    }

    [Fact]
    public void Compose_MadeUpDays_PassesRoundNumbersAndABestPeriod()
    {
        // Daily plan, days: 60 clicks, 50 clicks and the first conversion, 70 clicks and 9 conversions more.
        var days = new Dictionary<long, Counters>
        {
            [T0] = new() { Clicks = 60 },
            [T0 + Day] = new() { Clicks = 50, Conversions = 1 },
            [T0 + (2 * Day)] = new() { Clicks = 70, Conversions = 9, Impressions = 900 },
        };

        var second = SummaryComposer.Compose(Spring, Anna, T0 + Day, T0 + (4 * Day), days, []);
        var third = SummaryComposer.Compose(Spring, Anna, T0 + (2 * Day), T0 + (4 * Day), days, []);

        Assert.Equal(["First conversion", "Passed 100 clicks in total"], second.Milestones); // 110 clicks: not a best day (60 was more)
        Assert.Equal(["Passed 10 conversions in total", "Best day yet for clicks"], third.Milestones);
        Assert.Equal((70L, 9L, 900L, 0.0), (third.Figures.Clicks, third.Figures.Conversions, third.Figures.Impressions, third.Figures.CommissionAccrued!.Value));
        Assert.Equal((50L, 1L), (third.Previous!.Clicks, third.Previous.Conversions));
    }

    [Fact]
    public void Text_SaysTheFiguresAndTheirChange_AsAMailerSendsIt()
    {
        var summary = new CreatorSummary("spring", "Spring launch", "USD", "anna", "Anna", "day", T0 + Day, T0 + (2 * Day), T0 + (80 * Hour),
            new SummaryFigures(1_234, 56, 12, 2, 43, 23, 20, "draft"),
            new SummaryFigures(1_000, 56, 8, 3, 20.5, 0, 20.5, "approved"),
            ["First conversion"]);

        Assert.Equal("Spring launch: your day of 3 March 2026: 12 clicks, 2 conversions", SummaryText.Subject(summary));
        Assert.Equal(
            """
            Hello Anna,

            Your day of 3 March 2026 on Spring launch:

              Clicks: 12 (up 4 from 8 the day before)
              Conversions: 2 (down 1 from 3 the day before)
              Commission accrued: USD 43.00 (held 23.00, payable 20.00; a draft, not yet approved) (up 22.50 from 20.50 the day before)
              Impressions: 1,234 (up 234 from 1,000 the day before)
              Engagements: 56 (the same as the day before)

            Milestones:
              - First conversion

            Figures as of 2026-03-05 08:00 UTC. Conversions count the orders you had a part in under any attribution model. Commission is a draft until the brand approves it; nothing in this summary is a payment.

            """.ReplaceLineEndings("\n"),
            SummaryText.Plain(summary));
    }

    [Fact]
    public void Html_EscapesEveryValue()
    {
        var summary = new CreatorSummary("spring", "<b>Spring</b> & co", "USD", "anna", "<script>alert(1)</script>", "week", T0, T0 + (7 * Day), T0 + (8 * Day),
            new SummaryFigures(0, 0, 0, 0, null, null, null, null), null, []);

        var html = SummaryText.Html(summary);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Spring", html, StringComparison.Ordinal);
        Assert.Contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;,", html, StringComparison.Ordinal);
        Assert.Contains("<strong>&lt;b&gt;Spring&lt;/b&gt; &amp; co</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Commission", html, StringComparison.Ordinal); // no plan: no commission line
    }

    [Fact]
    public async Task Outbox_WritesEachSummaryOnce_WithTheJsonLast_AndNoIdLeavesTheDirectory()
    {
        using var dir = new TempDirectory("outbox-");
        var store = await ReplayAsync(T0 + (80 * Hour));
        var outbox = new SummaryOutbox(dir.Path);

        var first = await outbox.WriteDueAsync(store, Catalog(), CancellationToken.None);
        var again = await outbox.WriteDueAsync(store, Catalog(), CancellationToken.None);

        Assert.Equal((6, 0), (first, again)); // three days each for anna and ben
        var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(18, files.Count);
        Assert.Contains("spring/anna/2026-03-02.json", files);
        Assert.Equal(SummaryText.Plain((await SummaryReader.ReadAsync(store, Spring, Anna, CancellationToken.None))[0]), File.ReadAllText(dir.Combine("spring/anna/2026-03-02.txt")));
        Assert.Contains("\"subject\": \"Spring launch: your day of 2 March 2026: 2 clicks, 2 conversions\"", File.ReadAllText(dir.Combine("spring/anna/2026-03-02.json")), StringComparison.Ordinal);
        Assert.Equal(["%2E%2E%2Fevil", "a%20b", "%C3%A9", "%"], new[] { "../evil", "a b", "é", "" }.Select(SummaryOutbox.Segment));
    }

    private static double Round(double? value) => Math.Round(value ?? double.NaN, 9);

    private static async Task<InMemoryStateStore> ReplayAsync(long newestTs)
    {
        var store = new InMemoryStateStore();
        var text = string.Join('\n', Events(newestTs).Select(e => Encoding.UTF8.GetString(EventBuilder.Line(e))));
        await new Replayer(Catalog(), ProcessorOptions.Default, TimeProvider.System).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None, store);
        return store;
    }
}
