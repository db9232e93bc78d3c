using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Processing.Tests.Telemetry;

/// <summary>
/// The age a batch reports (docs/operations.md, <c>creatorstream_batch_record_age_seconds</c>), by hand: its oldest
/// record's, whichever partition and place it holds, against the batch's cut; none without timestamps; never below zero.
/// </summary>
public sealed class BatchRecordAgeTests
{
    private const long Cut = 1_767_225_600_000;

    [Fact]
    public void OldestAgeSeconds_IsTheOldestTimestampedRecordsAgeAtTheCut()
    {
        var batch = new RecordBatch([Record(0, Cut - 40), Record(1, null), Record(1, Cut - 250), Record(0, Cut - 10)], Cut);

        Assert.Equal(0.25, PipelineInstruments.OldestAgeSeconds(batch));
    }

    [Fact]
    public void OldestAgeSeconds_WithoutTimestamps_IsNone_AndAProducerAheadIsZero()
    {
        Assert.Null(PipelineInstruments.OldestAgeSeconds(new RecordBatch([Record(0, null)], Cut)));
        Assert.Null(PipelineInstruments.OldestAgeSeconds(new RecordBatch([], Cut)));
        Assert.Equal(0, PipelineInstruments.OldestAgeSeconds(new RecordBatch([Record(0, Cut + 500)], Cut))); // the producer's clock ahead
    }

    private static InboundRecord Record(int partition, long? writtenAtMs) =>
        new(new SourcePartition("creatorstream.impressions", partition), 0, null, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, writtenAtMs);
}
