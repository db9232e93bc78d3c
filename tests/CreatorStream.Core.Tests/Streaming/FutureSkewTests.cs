using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Streaming;

/// <summary>The live path's future-skew check (decision 0008): an event far ahead of the wall clock must not move the watermark.</summary>
public sealed class FutureSkewTests
{
    private static readonly ProcessorOptions Options = ProcessorOptions.Default with
    {
        IdleTimeout = null,
        MaxFutureSkew = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void Process_EventMoreThanTheSkewAheadOfTheWallClock_IsTimestampOutOfRangeAndLeavesTheWatermark()
    {
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options);
        processor.Process(Batch(T0, Record(Impression("u1", T0), 0)));

        var result = processor.Process(Batch(T0, Record(Impression("u2", T0 + (15 * 60_000) + 1), 1)));

        var letter = Assert.Single(result.DeadLetters);
        Assert.Equal(DeadLetterReason.TimestampOutOfRange, letter.Reason);
        Assert.Equal(DeadLetterStage.Validate, letter.Stage);
        Assert.Equal(T0 - 5_000, processor.Watermark);
    }

    [Fact]
    public void Process_EventExactlyTheSkewAhead_IsCounted()
    {
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options);

        var result = processor.Process(Batch(T0, Record(Impression("u1", T0 + (15 * 60_000)), 0)));

        Assert.Empty(result.DeadLetters);
        Assert.Equal(1, result.Delta.Events);
    }

    [Fact]
    public void Process_RecordWithTheLogsTimestamp_IsJudgedAgainstItNotTheWallClock()
    {
        // A worker rebuilding from the log a day later must judge each record as the first worker did (decision 0008).
        var written = T0 + (60 * 60_000);
        var aheadOfTheWallClockNotOfTheLog = Record(Impression("u1", T0 + (30 * 60_000)), 0) with { WrittenAtMs = written };
        var aheadOfTheLogNotOfTheWallClock = Record(Impression("u2", written + (15 * 60_000) + 1), 1) with { WrittenAtMs = written };

        var first = new StreamProcessor(TestCampaigns.Spring(), Options).Process(Batch(T0, aheadOfTheWallClockNotOfTheLog, aheadOfTheLogNotOfTheWallClock));
        var rebuilt = new StreamProcessor(TestCampaigns.Spring(), Options).Process(Batch(T0 + 86_400_000, aheadOfTheWallClockNotOfTheLog, aheadOfTheLogNotOfTheWallClock));

        foreach (var result in new[] { first, rebuilt })
        {
            Assert.Equal(1, result.Delta.Events);
            Assert.Equal(1, Assert.Single(result.DeadLetters).Record.Offset);
        }
    }

    [Fact]
    public void Process_FarFutureEventWithoutTheCheck_DragsTheWatermarkAndMakesTheNextEventLate()
    {
        // Why the check exists: without it one bad clock makes every later valid event a dead letter.
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options with { MaxFutureSkew = null });
        processor.Process(Batch(T0, Record(Impression("u1", T0 + (24 * 3_600_000)), 0)));

        var result = processor.Process(Batch(T0, Record(Impression("u2", T0), 1)));

        Assert.Equal(DeadLetterReason.Late, Assert.Single(result.DeadLetters).Reason);
    }

    [Fact]
    public void Process_LimitsFromTheOptions_ReachTheDecoder()
    {
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options with { Limits = new DecoderLimits { MaxIdBytes = 8 } });

        var result = processor.Process(Batch(T0, Record(Impression("user-with-a-long-id", T0), 0)));

        Assert.Equal(DeadLetterReason.SchemaViolation, Assert.Single(result.DeadLetters).Reason);
    }
}
