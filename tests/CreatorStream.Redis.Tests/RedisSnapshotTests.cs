using CreatorStream.Core.Snapshots;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// Task snapshots in the real Redis (docs/design.md, "Recovery"). A snapshot larger than a part goes in parts written
/// before its commit, so no value passes what the server takes (<c>proto-max-bulk-len</c>, here lowered to its least,
/// 1 MiB, with a snapshot of 24 MiB); it reads back byte for byte; a commit that replaces a snapshot deletes the last
/// one's parts; and the parts of a commit that never lands live only for their time to live.
/// </summary>
public sealed class RedisSnapshotTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly SourcePartition Partition = new(TaskNames.BrandTopic, 0);

    [Fact]
    public async Task Commit_ASnapshotLargerThanTheServersLongestValue_GoesInPartsAndReadsBackByteForByte()
    {
        using var admin = await AdminAsync();
        var server = admin.GetServer(redis.Server.Endpoint);
        var longest = (await server.ConfigGetAsync("proto-max-bulk-len")).Single().Value;
        await server.ConfigSetAsync("proto-max-bulk-len", 1 << 20);
        try
        {
            var store = redis.NewStore(TestCampaigns.Spring());
            var snapshot = Snapshot(seed: 7, 24 << 20); // one segment of 24 MiB, and writer-like chunks around it

            await store.CommitAsync(Delta(snapshot, fence: StateDelta.NoOffset, next: 1_234), default);
            var checkpoint = await store.ReadCheckpointAsync([Partition], default);

            Assert.Equal(1_234, checkpoint.Offsets[Partition]);
            Assert.True(snapshot.SameBytes(checkpoint.Snapshots[Partition]));
            var parts = await PartsKeysAsync(store);
            var expectedParts = (snapshot.Length + (1 << 20) - 1) >> 20; // whole mebibytes, the last one shorter
            Assert.Equal(expectedParts, await redis.Connection.GetDatabase().ListLengthAsync(Assert.Single(parts)));
        }
        finally
        {
            await server.ConfigSetAsync("proto-max-bulk-len", longest);
        }
    }

    [Fact]
    public async Task Commit_SnapshotsInPartsThenInOneValue_EachReplacesTheLastAndItsParts()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var db = redis.Connection.GetDatabase();
        var (first, second, small) = (Snapshot(seed: 1, 3 << 20), Snapshot(seed: 2, 2 << 20), Snapshot(seed: 3, 1_000));

        await store.CommitAsync(Delta(first, StateDelta.NoOffset, 10), default);
        var firstParts = Assert.Single(await PartsKeysAsync(store));
        Assert.Null(await db.KeyTimeToLiveAsync(firstParts)); // the commit made them permanent
        Assert.True(first.SameBytes((await store.ReadCheckpointAsync([Partition], default)).Snapshots[Partition]));

        await store.CommitAsync(Delta(second, 10, 20), default);
        var secondParts = Assert.Single(await PartsKeysAsync(store));
        Assert.NotEqual(firstParts, secondParts);
        Assert.True(second.SameBytes((await store.ReadCheckpointAsync([Partition], default)).Snapshots[Partition]));

        await store.CommitAsync(Delta(small, 20, 30), default);
        Assert.Empty(await PartsKeysAsync(store));
        var checkpoint = await store.ReadCheckpointAsync([Partition], default);
        Assert.Equal(30, checkpoint.Offsets[Partition]);
        Assert.True(small.SameBytes(checkpoint.Snapshots[Partition]));
    }

    [Fact]
    public async Task Commit_Fenced_LeavesTheLastSnapshot_AndItsOwnPartsOnlyForTheirTimeToLive()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var db = redis.Connection.GetDatabase();
        var kept = Snapshot(seed: 4, 2 << 20);
        await store.CommitAsync(Delta(kept, StateDelta.NoOffset, 10), default);
        var keptParts = Assert.Single(await PartsKeysAsync(store));

        await Assert.ThrowsAsync<StateFencedException>(async () => await store.CommitAsync(Delta(Snapshot(seed: 5, 2 << 20), fence: 5, next: 20), default));

        var orphan = Assert.Single(await PartsKeysAsync(store), k => k != keptParts);
        Assert.InRange(await db.KeyTimeToLiveAsync(orphan) ?? TimeSpan.Zero, RedisStateStore.PartsTimeToLive - TimeSpan.FromMinutes(1), RedisStateStore.PartsTimeToLive);
        var checkpoint = await store.ReadCheckpointAsync([Partition], default);
        Assert.Equal(10, checkpoint.Offsets[Partition]);
        Assert.True(kept.SameBytes(checkpoint.Snapshots[Partition]));
    }

    [Fact]
    public async Task Commit_PartsTheServerRefuses_CommitsWithoutTheSnapshot_AndTheLastOneStands()
    {
        var store = redis.NewStore(TestCampaigns.Spring(), new RedisStoreOptions { SnapshotPartBytes = 2 << 20 });
        var kept = Snapshot(seed: 8, 3 << 20);
        await store.CommitAsync(Delta(kept, StateDelta.NoOffset, 10), default);
        using var admin = await AdminAsync();
        var server = admin.GetServer(redis.Server.Endpoint);
        var longest = (await server.ConfigGetAsync("proto-max-bulk-len")).Single().Value;
        long dropped = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "creatorstream_state_snapshots_dropped_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("reason", "parts_failed")))
            {
                Interlocked.Add(ref dropped, value);
            }
        });
        listener.Start();
        await server.ConfigSetAsync("proto-max-bulk-len", 1 << 20); // parts of 2 MiB are now refused, and the connection dropped
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await store.CommitAsync(Delta(Snapshot(seed: 9, 5 << 20), fence: 10, next: 20), patience.Token);
        }
        finally
        {
            await server.ConfigSetAsync("proto-max-bulk-len", longest);
        }

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);
        Assert.Equal(20, checkpoint.Offsets[Partition]); // the batch's state and offset went in
        Assert.True(kept.SameBytes(checkpoint.Snapshots[Partition])); // without its snapshot: the last one stands
        Assert.Equal(1, Interlocked.Read(ref dropped)); // counted for the on-call engineer
    }

    [Fact]
    public async Task ReadCheckpoint_PartsGone_HasNoSnapshot_SoTheTaskRebuildsFromItsLog()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        await store.CommitAsync(Delta(Snapshot(seed: 6, 2 << 20), StateDelta.NoOffset, 10), default);
        var parts = Assert.Single(await PartsKeysAsync(store));
        await redis.Connection.GetDatabase().ListTrimAsync(parts, 0, 0); // all but the first part lost

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);

        Assert.Equal(10, checkpoint.Offsets[Partition]);
        Assert.False(checkpoint.Snapshots.ContainsKey(Partition)); // a short snapshot is never handed on as if whole
    }

    /// <summary>A brand task's delta for <see cref="Partition"/> carrying <paramref name="snapshot"/>.</summary>
    private static StateDelta Delta(SnapshotBytes snapshot, long fence, long next)
    {
        var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(Partition), Snapshot = snapshot };
        delta.Fence[Partition] = fence;
        delta.NextOffsets[Partition] = next;
        return delta;
    }

    /// <summary>
    /// Random bytes in segments as a writer leaves them (small chunks doubling up to a mebibyte, cut from larger arrays)
    /// and, when <paramref name="length"/> allows, one segment larger than a part.
    /// </summary>
    private static SnapshotBytes Snapshot(int seed, int length)
    {
        var random = new Random(seed);
        var segments = new List<ReadOnlyMemory<byte>>();
        var (left, chunk) = (length, 4_096);
        while (left > 0)
        {
            var size = Math.Min(left, left == length && length > (8 << 20) ? length - (1 << 19) : chunk);
            var array = new byte[size + random.Next(3)]; // a chunk with room left at its end
            random.NextBytes(array);
            segments.Add(array.AsMemory(0, size));
            (left, chunk) = (left - size, Math.Min(chunk * 2, 1 << 20));
        }

        return new SnapshotBytes(segments);
    }

    private async Task<List<string>> PartsKeysAsync(RedisStateStore store)
    {
        var server = redis.Connection.GetServer(redis.Server.Endpoint);
        return [.. (await RedisKeyScan.KeysAsync(server, $"{store.Keys.Tag(TaskNames.Of(Partition))}:snapshot-parts:*")).Select(k => (string)k!)];
    }

    private async Task<ConnectionMultiplexer> AdminAsync()
    {
        var options = new ConfigurationOptions { AllowAdmin = true, AbortOnConnectFail = true };
        options.EndPoints.Add(redis.Server.Endpoint);
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
