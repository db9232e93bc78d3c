using CreatorStream.Host.Collect;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Collect;

public sealed class AcceptedIdsTests
{
    [Fact]
    public void Ids_AreKeptPerBrand_ForTheHorizon_AndTheOldestGoFirstBeyondCapacity()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000));
        var ids = new AcceptedIds(capacity: 3, horizon: TimeSpan.FromHours(1), clock);

        ids.Add("acme", ["a", "b"]);
        Assert.True(ids.Contains("acme", "a"));
        Assert.False(ids.Contains("nordlys", "a"));

        clock.Advance(TimeSpan.FromMinutes(59));
        ids.Add("acme", ["c", "d"]); // four ids, room for three: a goes
        Assert.Equal((false, true, true, true), (ids.Contains("acme", "a"), ids.Contains("acme", "b"), ids.Contains("acme", "c"), ids.Contains("acme", "d")));

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1)); // b is older than an hour now
        Assert.Equal((false, true), (ids.Contains("acme", "b"), ids.Contains("acme", "c")));
        Assert.Equal(2, ids.Count);
    }
}
