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
    public void FinishedPeriods_ADailyPlanOverMonths_OnlyThoseEndingWithinEightWeeks()
    {
        var periods = SummaryComposer.FinishedPeriods(Anna, T0, T0 + (100 * Day) + Hour);

        // Ends from day 44 (100 days + 1 h less 56 days, rounded up to a day's end) to day 100.
        Assert.Equal((T0 + (44 * Day), T0 + (99 * Day), 56), (periods[0], periods[^1], periods.Count));
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
    public void Compose_MadeUpDays_PassesRoundNumbers_CountingWhatCameBeforeTheDaysReadFromTheTotals()
    {
        // Daily plan. Before the days read: 95 clicks and 8 conversions (days a store no longer keeps). Then days of
        // 3 clicks, 50 clicks and 2 conversions, 1,000 clicks and 90 conversions: to date 1,148 clicks, 100 conversions.
        var days = new Dictionary<long, Counters>
        {
            [T0 + (10 * Day)] = new() { Clicks = 3 },
            [T0 + (11 * Day)] = new() { Clicks = 50, Conversions = 2 },
            [T0 + (12 * Day)] = new() { Clicks = 1_000, Conversions = 90, Impressions = 900 },
        };
        var toDate = new Counters { Clicks = 1_148, Conversions = 100 };

        var summaries = SummaryComposer.Compose(Spring, Anna, [T0 + (11 * Day), T0 + (12 * Day)], T0, T0 + (14 * Day), days, toDate, []);

        Assert.Equal(["Passed 10 conversions in total", "Passed 100 clicks in total"], summaries[0].Milestones); // 98 → 148 clicks, 8 → 10
        Assert.Equal(["Passed 100 conversions in total", "Passed 1,000 clicks in total"], summaries[1].Milestones);
        Assert.Equal((1_000L, 90L, 900L, 0.0), (summaries[1].Figures.Clicks, summaries[1].Figures.Conversions, summaries[1].Figures.Impressions, summaries[1].Figures.CommissionAccrued!.Value));
        Assert.Equal((50L, 2L), (summaries[1].Previous!.Clicks, summaries[1].Previous!.Conversions));
        Assert.Equal((3L, 0L), (summaries[0].Previous!.Clicks, summaries[0].Previous!.Conversions));
    }

    [Fact]
    public void Compose_TheFirstPeriod_HasNoPeriodBefore_AndAFirstConversion()
    {
        var days = new Dictionary<long, Counters> { [T0] = new() { Clicks = 4, Conversions = 1 } };

        var first = Assert.Single(SummaryComposer.Compose(Spring, Anna, [T0], T0 + Hour, T0 + (2 * Day), days, days[T0], []));

        Assert.Null(first.Previous);
        Assert.Equal(["First conversion"], first.Milestones);
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
    public void Text_MoneyComparedToTheCent_AndASubjectOnOneLine()
    {
        var summary = new CreatorSummary("spring", "Spring\r\nBcc: everyone", "USD", "anna", "Anna", "day", T0, T0 + Day, T0 + (2 * Day),
            new SummaryFigures(0, 0, 0, 0, 5.7200000001, 0, 5.7200000001, "draft"), new SummaryFigures(0, 0, 0, 0, 5.72, 0, 5.72, "draft"), []);

        Assert.Contains("USD 5.72 (held 0.00, payable 5.72; a draft, not yet approved) (the same as the day before)", SummaryText.Plain(summary), StringComparison.Ordinal);
        Assert.Equal("Spring  Bcc: everyone: your day of 2 March 2026: 0 clicks, 0 conversions", SummaryText.Subject(summary));
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
    public async Task Outbox_WritesEachSummaryOnce_AsOneFolder_AndNoIdLeavesTheDirectory()
    {
        using var dir = new TempDirectory("outbox-");
        var store = await ReplayAsync(T0 + (80 * Hour));
        var outbox = new SummaryOutbox(dir.Path);

        var first = await outbox.WriteDueAsync(store, Catalog(), CancellationToken.None);
        var again = await outbox.WriteDueAsync(store, Catalog(), CancellationToken.None);

        Assert.Equal((6, 0), (first.Written, again.Written)); // three days each for anna and ben
        Assert.Empty(first.Failures);
        var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/')).ToList();
        Assert.Equal(18, files.Count);
        Assert.Contains("spring/anna/2026-03-02/summary.json", files);
        Assert.DoesNotContain(files, f => f.Contains(".staging", StringComparison.Ordinal));
        Assert.Equal(SummaryText.Plain((await SummaryReader.ReadAsync(store, Spring, Anna, CancellationToken.None))[0]), File.ReadAllText(dir.Combine("spring/anna/2026-03-02/summary.txt")));
        Assert.Contains("\"subject\": \"Spring launch: your day of 2 March 2026: 2 clicks, 2 conversions\"", File.ReadAllText(dir.Combine("spring/anna/2026-03-02/summary.json")), StringComparison.Ordinal);
        Assert.Equal(["%2E%2E%2Fevil", "a%20b", "%C3%A9", "%"], new[] { "../evil", "a b", "é", "" }.Select(SummaryOutbox.Segment));
    }

    [Fact]
    public async Task Outbox_TwoWritersAtOnce_EachSummaryPutThereOnce()
    {
        using var dir = new TempDirectory("outbox-");
        var store = await ReplayAsync(T0 + (80 * Hour));
        var summaries = await SummaryReader.ReadAsync(store, Spring, Anna, CancellationToken.None);
        var (one, two) = (new SummaryOutbox(dir.Path), new SummaryOutbox(dir.Path));

        // Both race for each summary from many threads: exactly one write per summary wins, and each folder is whole.
        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => summaries.Count(s => (i % 2 == 0 ? one : two).Write(s)))));

        Assert.Equal(summaries.Count, wins.Sum());
        Assert.All(Directory.GetDirectories(dir.Combine("spring/anna")), d => Assert.Equal(3, Directory.GetFiles(d).Length));
        Assert.Equal(summaries.Count, Directory.GetDirectories(dir.Combine("spring/anna")).Length); // no staging folder left
    }

    [Fact]
    public async Task Outbox_ACampaignThatFails_IsReported_AndTheOthersAreWritten()
    {
        using var dir = new TempDirectory("outbox-");
        var store = await ReplayAsync(T0 + (80 * Hour));
        File.WriteAllText(dir.Combine("spring"), "a file where spring's folder goes");

        var pass = await new SummaryOutbox(dir.Path).WriteDueAsync(store, Catalog(), CancellationToken.None);

        Assert.Equal(0, pass.Written);
        Assert.Equal("spring", Assert.Single(pass.Failures).Campaign);
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
