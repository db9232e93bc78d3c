namespace CreatorStream.Integration.Tests;

/// <summary>
/// Issue 6: the report from Redis after a live run equals the replay report of the same events, whatever happened on
/// the way: workers killed with SIGKILL and restarted, Redis killed and restarted. Nothing lost, nothing counted twice.
/// </summary>
public sealed class WorkerRecoveryTests
{
    private const int Events = 12_000;
    private const int PerSecond = 1_000;

    [Fact]
    public async Task Worker_KilledThreeTimesMidStream_ReportFromRedisEqualsReplay()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 31, Events);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        // Snapshots every 2 s: each restart loads the brand tasks' snapshots and re-reads only their tails.
        var worker = scenario.StartWorker(3_000, "--snapshot-interval-ms", "2000");
        var publishing = scenario.PublishAsync(PerSecond, stop.Token);

        // Kill at about a quarter, half and three quarters of the records committed (SIGKILL: no shutdown code runs).
        var random = new Random(31);
        var killsAt = new[] { 0.25, 0.5, 0.75 }.Select(f => (long)((f + (random.NextDouble() * 0.1)) * scenario.Records)).ToList();
        var kills = 0;
        foreach (var mark in killsAt)
        {
            await scenario.WaitForCommittedAsync(mark, stop.Token);

            // And until this worker has committed a snapshot, so the next one has a snapshot to restore from. The mark
            // alone left that to timing: on a loaded machine a restarted worker caught up to the next mark before any
            // brand task had run the 2 s between snapshots, and no restart restored one (CI, session 14).
            await scenario.WaitForSnapshotCommittedAsync(worker, stop.Token);
            worker.Kill();
            kills++;
            worker = scenario.StartWorker(3_000, "--snapshot-interval-ms", "2000");
        }

        await publishing;
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"after {kills} kills the report differs at {difference}\n{scenario.Logs()}");
        Assert.Equal(3, kills);
        Assert.Matches(@"Restored brand task b\d+ from its snapshot \([\d,]+ bytes\)", scenario.Logs());
    }

    [Fact]
    public async Task Redis_KilledAndRestartedMidStream_ReportFromRedisEqualsReplay()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 32, Events);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var worker = scenario.StartWorker();
        var publishing = scenario.PublishAsync(PerSecond, stop.Token);

        await scenario.WaitForCommittedAsync(scenario.Records / 3, stop.Token);

        await scenario.Redis.StopAsync();
        await Task.Delay(3_000, stop.Token); // the worker keeps consuming, cannot commit, and backs off
        await scenario.Redis.StartAsync();

        await publishing;
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"after a Redis restart the report differs at {difference}\n{scenario.Logs()}");
        Assert.False(worker.HasExited, worker.Output);
        Assert.Contains("Redis commit failed", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broker_DownThenRequestErrors_ReportFromRedisEqualsReplay()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 34, Events);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var worker = scenario.StartWorker(idleTimeoutMs: 15_000); // outlasts the 3 s outage and the client's reconnect
        var publishing = scenario.PublishAsync(PerSecond, stop.Token);

        await scenario.WaitForCommittedAsync(scenario.Records / 3, stop.Token);
        await scenario.Broker.SendAsync("down 1");
        await Task.Delay(3_000, stop.Token);
        await scenario.Broker.SendAsync("up 1");

        // Fetches refused (NOT_LEADER_OR_FOLLOWER, 6) and produce requests timing out (REQUEST_TIMED_OUT, 7).
        await scenario.WaitForCommittedAsync(scenario.Records * 2 / 3, stop.Token);
        await scenario.Broker.SendAsync("errors 1 6 20");
        await scenario.Broker.SendAsync("errors 0 7 5");

        await publishing;
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"after broker faults the report differs at {difference}\n{scenario.Logs()}");
        Assert.Contains("ok: down 1", scenario.Broker.Output, StringComparison.Ordinal);
        Assert.Contains("ok: errors 1 6 20", scenario.Broker.Output, StringComparison.Ordinal);
        Assert.False(worker.HasExited, worker.Output);
    }

    [Fact]
    public async Task OneOfTwoBrokers_RefusesFetchesLongerThanTheIdleTimeout_ReportFromRedisEqualsReplay()
    {
        // Half the partitions fall silent for longer than the idle timeout while the other half could go on: silence from
        // a fault must not count as idleness, or the watermark passes records still in the log (judged out of order).
        await using var scenario = await RecoveryScenario.StartAsync(seed: 35, Events, partitions: 16, eventsPerSecond: 60, dataDrivenMinConversions: null, brokers: 2);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var worker = scenario.StartWorker(idleTimeoutMs: 2_000);
        var publishing = scenario.PublishAsync(PerSecond, stop.Token);

        await scenario.WaitForCommittedAsync(scenario.Records / 3, stop.Token);
        await scenario.Broker.SendAsync("errors-on 2 1 6 100"); // fetches from broker 2 refused (NOT_LEADER_OR_FOLLOWER)

        await publishing;
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"after one broker refused fetches the report differs at {difference}\n{scenario.Logs()}");
        Assert.Contains("ok: errors-on 2 1 6 100", scenario.Broker.Output, StringComparison.Ordinal);
        Assert.False(worker.HasExited, worker.Output);
    }
}
