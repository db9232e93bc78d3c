using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

public sealed class EventTimeTests
{
    [Theory]
    [InlineData(1_767_225_600_000, 1_767_225_600_000)]
    [InlineData(1_767_225_659_999, 1_767_225_600_000)]
    [InlineData(1_767_225_660_000, 1_767_225_660_000)]
    [InlineData(-1, -60_000)]
    public void BucketStart_AnyTimestamp_IsTheUtcMinuteHoldingIt(long ts, long expected)
    {
        Assert.Equal(expected, EventTime.BucketStart(ts));
    }
}
