namespace CreatorStream.Integration.Tests;

/// <summary>Issue 6: two, then three, then one worker in the group, with rebalances mid-stream.</summary>
public sealed class WorkerScaleOutTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Workers_TwoThenThreeThenOne_ReportFromRedisEqualsReplay()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 33, 12_000);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var first = scenario.StartWorker();
        var second = scenario.StartWorker();
        var publishing = scenario.PublishAsync(1_000, stop.Token);

        await scenario.WaitForCommittedAsync(scenario.Records / 4, stop.Token);
        var third = scenario.StartWorker();
        await scenario.WaitForCommittedAsync(scenario.Records * 6 / 10, stop.Token);
        second.Kill();
        third.Kill();

        await publishing;
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(90));
        foreach (var d in await scenario.DifferencesAsync(expected))
        {
            output.WriteLine(d);
        }

        Assert.True(difference is null, $"with 2 → 3 → 1 workers the report differs at {difference}\n{scenario.Logs()}");
        Assert.False(first.HasExited);
    }
}
