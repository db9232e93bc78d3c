using System.Diagnostics;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Operations;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Host.Tests.Operations;

public sealed class ReadinessCheckTests
{
    [Fact]
    public async Task CheckAsync_AllProbesFine_IsReadyWithOkPerProbe()
    {
        var check = new ReadinessCheck([new ReadinessProbe("kafka", _ => Task.FromResult<string?>(null)), new ReadinessProbe("redis", _ => Task.FromResult<string?>(null))]);

        var report = await check.CheckAsync(CancellationToken.None);

        Assert.True(report.IsReady);
        Assert.Equal("ok", report.Checks["kafka"]);
        Assert.Equal("ok", report.Checks["redis"]);
    }

    [Fact]
    public async Task CheckAsync_OneProbeFailsAndOneHangs_IsNotReadyWithBothReasonsWithinTheProbeTimeout()
    {
        var check = new ReadinessCheck(
        [
            new ReadinessProbe("redis", _ => Task.FromResult<string?>("not connected")),
            new ReadinessProbe("kafka", async cancellationToken => { await Task.Delay(Timeout.Infinite, cancellationToken); return null; }),
        ]);
        var watch = Stopwatch.StartNew();

        var report = await check.CheckAsync(CancellationToken.None);

        Assert.False(report.IsReady);
        Assert.Equal(["kafka: no answer within 2 s", "redis: not connected"], report.Reasons.Order(StringComparer.Ordinal));
        Assert.InRange(watch.Elapsed, ReadinessCheck.ProbeTimeout, ReadinessCheck.ProbeTimeout + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Lag_AboveTheLimit_NamesThePartitionAndTheFigures()
    {
        var lag = new ConsumerLag();
        lag.Set(new SourcePartition("creatorstream.clicks", 3), 1_500);
        lag.Set(new SourcePartition("creatorstream.clicks", 4), 20);

        Assert.Equal("1500 records behind on creatorstream.clicks[3], above the limit of 1000", await ReadinessProbes.Lag(lag, 1_000).Check(CancellationToken.None));
        Assert.Null(await ReadinessProbes.Lag(lag, 1_500).Check(CancellationToken.None));
    }
}
