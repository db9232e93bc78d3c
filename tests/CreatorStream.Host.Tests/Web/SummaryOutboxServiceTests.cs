using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The web role with <c>--outbox</c> (docs/design.md, "Creator summaries"): it writes the finished periods' summaries
/// as it starts, and those that finish later at a later pass (every 100 ms here, a minute in service), each once.
/// </summary>
public sealed class SummaryOutboxServiceTests
{
    [Fact]
    public async Task WebRole_WithAnOutbox_WritesFinishedPeriodsAsTheyFinish()
    {
        using var dir = new TempDirectory("outbox-");
        var store = new InMemoryStateStore();
        var processor = new StreamProcessor(Catalog(), ProcessorOptions.Default);
        await store.CommitAsync(processor.Process(EventBuilder.Batch(1, [.. Events(T0 + (30 * Hour)).Select((e, i) => EventBuilder.Record(e, i))])).Delta, CancellationToken.None);
        var options = new WebOptions { Urls = $"http://127.0.0.1:{FreePort.Next()}", Outbox = dir.Path, SummaryInterval = TimeSpan.FromMilliseconds(100) };
        await using var app = await WebApp.StartAsync(options, store, Catalog(), ApiKeyRing.ForAllCampaigns("k"), new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());

        // At 30 h the first day is finished for anna and ben (daily plans).
        await Eventually.ReturnsAsync(() => Task.FromResult(Manifests(dir.Path)), m => m.Count == 2, TimeSpan.FromSeconds(10), "the first day's summaries");
        Assert.Equal(["spring/anna/2026-03-02/summary.json", "spring/ben/2026-03-02/summary.json"], Manifests(dir.Path));

        // Event time moves to 50 h: the second day is finished too, and goes out at a next pass.
        await store.CommitAsync(processor.Process(EventBuilder.Batch(2, [EventBuilder.Record(EventBuilder.Impression("u9", T0 + (50 * Hour), id: "on"), 100)])).Delta, CancellationToken.None);
        await Eventually.ReturnsAsync(() => Task.FromResult(Manifests(dir.Path)), m => m.Count == 4, TimeSpan.FromSeconds(10), "the second day's summaries");
        Assert.Contains("Figures as of 2026-03-03 06:00 UTC", File.ReadAllText(dir.Combine("spring/anna/2026-03-02/summary.txt")), StringComparison.Ordinal); // not written again as of 50 h
        Assert.Contains("Figures as of 2026-03-04 02:00 UTC", File.ReadAllText(dir.Combine("spring/anna/2026-03-03/summary.txt")), StringComparison.Ordinal);
        await app.StopAsync();
    }

    private static List<string> Manifests(string directory) =>
        [.. Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
}
