using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The page with 500 creators and 5,000 posts, updated live several times a second: the rows are patched, not
/// rebuilt, and only a page of posts is in the DOM. It prints how long the browser's main thread was busy but does
/// not judge it: on two shared cores that is a measure of the machine (105 ms longest task alone, 531 ms beside other
/// test assemblies); what keeps the page smooth, and is asserted, is that no row is rebuilt and only 50 posts are drawn.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class DashboardScaleTests(ScaleFixture scale, ITestOutputHelper output) : IClassFixture<ScaleFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(10);
    private BrowserSession? _browser;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task FiveHundredCreatorsAndFiveThousandPosts_StaySmoothWhileUpdatingSeveralTimesASecond()
    {
        var page = await _browser!.NewPageAsync();

        // Every task that holds the main thread for more than 50 ms (the browser's own "long task" measure).
        await page.AddInitScriptAsync("""
            window.__longTasks = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
              .observe({ type: 'longtask', buffered: true });
            """);
        await page.GotoAsync($"{scale.BaseUrl}/?key={ScaleFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = (float)Patience.TotalMilliseconds });
        var creatorRows = page.GetByTestId("creator-row");
        await Assertions.Expect(creatorRows).ToHaveCountAsync(ScaleFixture.Creators, new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("content-table-count")).ToHaveTextAsync(
            $"50 of {ScaleFixture.Posts.ToString("N0", CultureInfo.InvariantCulture)} shown", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("content-row")).ToHaveCountAsync(50);

        // Mark every creator row: a patched table keeps its row elements, a re-rendered one would lose the marks.
        // Posts move in and out of the first page as their figures change; one that stays keeps its row. A post that left
        // the page and came back within the window is a new row by right, so the rows taken out are noted and left out
        // (a full run under load once saw 2 of 6 such posts and counted them as rows lost).
        await page.EvaluateAsync("""
            () => {
              document.querySelectorAll('[data-testid=creator-row], [data-testid=content-row]').forEach(r => r.__kept = true);
              const rows = [...document.querySelectorAll('[data-testid=content-row]')];
              window.__postsBefore = new Set(rows.map(r => r.dataset.contentId));
              window.__postsLeft = new Set();
              new MutationObserver(records => records.forEach(m => m.removedNodes.forEach(n => {
                // A row moved to its new place is taken out and put back (still connected here); one that left is not.
                if (n.dataset?.testid === 'content-row' && !n.isConnected) window.__postsLeft.add(n.dataset.contentId);
              }))).observe(rows[0].parentElement, { childList: true });
            }
            """);
        await page.EvaluateAsync("() => { window.__longTasks = []; }");
        var feedsBefore = scale.Feeds;

        var values = new List<string>();
        var deadline = DateTime.UtcNow + Watched;
        while (DateTime.UtcNow < deadline)
        {
            values.Add(await page.GetByTestId("kpi-impressions").TextContentAsync() ?? "");
            await page.WaitForTimeoutAsync(100);
        }

        var changes = values.Zip(values.Skip(1)).Count(pair => pair.First != pair.Second);
        var longTasks = await page.EvaluateAsync<double[]>("() => window.__longTasks");
        var kept = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('[data-testid=creator-row]')].filter(r => r.__kept).length");
        var posts = await page.EvaluateAsync<int[]>("""
            () => {
              const stayed = [...document.querySelectorAll('[data-testid=content-row]')]
                .filter(r => window.__postsBefore.has(r.dataset.contentId) && !window.__postsLeft.has(r.dataset.contentId));
              return [stayed.length, stayed.filter(r => r.__kept).length];
            }
            """);
        var (postsStayed, postsKept) = (posts[0], posts[1]);
        var feeds = scale.Feeds - feedsBefore;
        output.WriteLine(
            $"{Watched.TotalSeconds:0} s watched: {feeds} batches fed, impressions changed {changes} times on the page, " +
            $"{longTasks.Length} long tasks (longest {(longTasks.Length == 0 ? 0 : longTasks.Max()):0} ms, {longTasks.Sum():0} ms in all), {kept} of {ScaleFixture.Creators} creator rows and {postsKept} of the {postsStayed} posts still on the first page kept their row");

        Assert.True(feeds >= 20, $"the feeder fed only {feeds} batches: the test measured no load");
        // The hub sends at most one update a second (issue 26: each costs every tab its changed figures): about ten in 10 s, and
        // at least half of them arrive even on a loaded machine (9 seen beside the other test assemblies).
        Assert.True(changes >= 5, $"the page's impressions changed {changes} times in {Watched.TotalSeconds} s: well under one update a second");
        Assert.Equal(ScaleFixture.Creators, kept);
        Assert.True(postsStayed > 0, "no post stayed on the first page: the test saw nothing of how rows are kept");
        Assert.Equal(postsStayed, postsKept);
        Assert.Equal(50, await page.GetByTestId("content-row").CountAsync());

        // The next page of posts on request.
        await page.GetByTestId("content-table-more").ClickAsync();
        await Assertions.Expect(page.GetByTestId("content-row")).ToHaveCountAsync(100);
    }
}

/// <summary>Tests that measure time on the page run alone: on two cores, a browser test beside them would be measured too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
