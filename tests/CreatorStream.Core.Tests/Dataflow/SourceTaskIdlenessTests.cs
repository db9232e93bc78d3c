using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// A source partition is idle after the idle timeout of silence (docs/design.md, "Event time"), unless the edge reports
/// it behind: silence from a fault must never let the brand tasks' watermark pass records still in its log.
/// </summary>
public sealed class SourceTaskIdlenessTests
{
    private static readonly ProcessorOptions Options = ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(30_000, false, false)] // exactly the timeout: not yet
    [InlineData(30_001, false, true)]
    [InlineData(30_001, true, false)] // silent as long, but the log may hold more
    [InlineData(3_600_000, true, false)]
    [InlineData(10_000, true, false)]
    public void Mark_AfterSilence_IdleOnlyPastTheTimeoutAndNotBehind(long silentMs, bool behind, bool idle)
    {
        var catalog = CampaignCatalog.Parse("""{"campaigns":[{"campaign_id":"c","brand_id":"b","creators":[{"creator_id":"a"}]}]}""");
        var task = new SourceTask(new SourcePartition("impressions", 0), catalog, new BrandRouter(catalog, partitions: 1), Options, new EventDecoder(), wallClockMs: 1_000);

        var mark = task.Mark(position: 7, wallClockMs: 1_000 + silentMs, behind);

        Assert.Equal(idle, mark.Idle);
        Assert.Equal(7, mark.Position);
    }
}
