using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>What a worker's brand stage tells its source stage of its commits (<see cref="BrandProgress"/>).</summary>
public sealed class BrandProgressTests
{
    [Fact]
    public void NextOf_NothingTold_IsMinusOne()
    {
        var progress = new BrandProgress(partitions: 3);
        Assert.Equal([-1L, -1L, -1L], Enumerable.Range(0, 3).Select(progress.NextOf));
    }

    [Fact]
    public void Advanced_NeverMovesBack_PerPartition()
    {
        var progress = new BrandProgress(partitions: 2);
        progress.Advanced(1, 40);
        progress.Advanced(1, 12); // an older commit told late
        progress.Advanced(0, 5);

        Assert.Equal((5L, 40L), (progress.NextOf(0), progress.NextOf(1)));
    }

    [Fact]
    public async Task Advanced_FromManyThreads_KeepsTheHighest()
    {
        var progress = new BrandProgress(partitions: 1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var next = t; next < 100_000; next += 4)
            {
                progress.Advanced(0, next);
            }
        })));

        Assert.Equal(99_999L, progress.NextOf(0));
    }

    [Fact]
    public async Task WaitForAdvance_WakesOnACommit_AndOtherwiseTimesOut()
    {
        var progress = new BrandProgress(partitions: 1);
        Assert.False(progress.WaitForAdvance(TimeSpan.FromMilliseconds(20), CancellationToken.None)); // nothing told

        var waiting = Task.Run(() => progress.WaitForAdvance(TimeSpan.FromSeconds(30), CancellationToken.None));
        await Task.Delay(50);
        progress.Advanced(0, 7);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        progress.Advanced(0, 8); // told twice before anyone waits: one wake-up, then a timeout
        progress.Advanced(0, 9);
        Assert.True(progress.WaitForAdvance(TimeSpan.Zero, CancellationToken.None));
        Assert.False(progress.WaitForAdvance(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public void WaitForAdvance_Stopped_ReturnsAtOnce()
    {
        var progress = new BrandProgress(partitions: 1);
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        Assert.False(progress.WaitForAdvance(TimeSpan.FromMinutes(5), stop.Token));
    }
}
