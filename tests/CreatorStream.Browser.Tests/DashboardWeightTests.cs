using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Issue 26, item 9: what one open tab receives in a minute at <c>run --rate 200</c>, counted by the browser itself
/// (Chrome DevTools Protocol): WebSocket frames by their payload, HTTP responses by the bytes that came over the wire
/// (headers and compressed body). Runs alone: the rate of updates the page gets depends on the machine keeping up.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class DashboardWeightTests(RunAtTwoHundredFixture run, ITestOutputHelper output) : IClassFixture<RunAtTwoHundredFixture>, IAsyncLifetime
{
    /// <summary>The budget: 300 KB a minute per open tab.</summary>
    private const long BudgetBytes = 300 * 1024;

    private static readonly TimeSpan Measured = TimeSpan.FromMinutes(1);
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
    public async Task OneOpenTab_ReceivesAtMostThreeHundredKilobytesAMinute()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var counts = new Counts();
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) =>
            counts.Frame(Encoding.UTF8.GetByteCount(e?.GetProperty("response").GetProperty("payloadData").GetString() ?? ""));
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => counts.Http((long)(e?.GetProperty("encodedDataLength").GetDouble() ?? 0));
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync($"{run.BaseUrl}/?key={RunFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("content-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(5_000);
        var load = counts.Take();

        await page.WaitForTimeoutAsync((int)Measured.TotalMilliseconds);
        var minute = counts.Take();

        output.WriteLine(
            $"page load: {load.Http:N0} bytes over HTTP in {load.Responses} responses, {load.Frames:N0} bytes in {load.FrameCount} WebSocket frames");
        output.WriteLine(
            $"one minute live at --rate 200: {minute.Http:N0} bytes over HTTP in {minute.Responses} responses, " +
            $"{minute.Frames:N0} bytes in {minute.FrameCount} WebSocket frames; {minute.Http + minute.Frames:N0} bytes in all");
        Assert.True(minute.FrameCount >= 30, $"only {minute.FrameCount} frames in a minute: the page was not live"); // about one update a second
        Assert.True(minute.Http + minute.Frames <= BudgetBytes, $"{minute.Http + minute.Frames:N0} bytes in a minute, over {BudgetBytes:N0}");
    }

    private sealed class Counts
    {
        private readonly Lock _gate = new();
        private (long Http, int Responses, long Frames, int FrameCount) _now;

        public void Frame(int bytes)
        {
            lock (_gate)
            {
                _now = (_now.Http, _now.Responses, _now.Frames + bytes, _now.FrameCount + 1);
            }
        }

        public void Http(long bytes)
        {
            lock (_gate)
            {
                _now = (_now.Http + bytes, _now.Responses + 1, _now.Frames, _now.FrameCount);
            }
        }

        /// <summary>The counts so far, and start again from zero.</summary>
        public (long Http, int Responses, long Frames, int FrameCount) Take()
        {
            lock (_gate)
            {
                var taken = _now;
                _now = default;
                return taken;
            }
        }
    }
}
