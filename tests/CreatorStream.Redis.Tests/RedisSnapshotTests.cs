using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// Brand-task snapshots in the real Redis (docs/design.md, "Recovery"): a large one goes in with its commit and comes
/// back byte for byte, and the largest a worker commits stays under what the server takes in one value (a larger one
/// would fail its commit on every retry).
/// </summary>
public sealed class RedisSnapshotTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task MaxSnapshotBytes_IsBelowTheLongestValueTheServerTakes()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var admin = new StackExchange.Redis.ConfigurationOptions { AllowAdmin = true, AbortOnConnectFail = true };
        admin.EndPoints.Add(redis.Server.Endpoint);
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(admin);
        var server = connection.GetServer(redis.Server.Endpoint);
        var longest = long.Parse((await server.ConfigGetAsync("proto-max-bulk-len")).Single().Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(RedisStateStore.SnapshotLimitBytes, store.MaxSnapshotBytes);
        Assert.True(store.MaxSnapshotBytes + (8L << 20) <= longest, $"the server takes values of {longest:N0} bytes");
    }

    [Fact]
    public async Task Commit_ASnapshotOfSixtyFourMebibytes_ReadsBackByteForByte()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var partition = new SourcePartition(TaskNames.BrandTopic, 0);
        var snapshot = new byte[64 << 20];
        new Random(7).NextBytes(snapshot);
        var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(partition), Snapshot = snapshot };
        delta.Fence[partition] = StateDelta.NoOffset;
        delta.NextOffsets[partition] = 1_234;

        await store.CommitAsync(delta, default);
        var checkpoint = await store.ReadCheckpointAsync([partition], default);

        Assert.Equal(1_234, checkpoint.Offsets[partition]);
        Assert.True(snapshot.AsSpan().SequenceEqual(checkpoint.Snapshots[partition]));
    }
}
