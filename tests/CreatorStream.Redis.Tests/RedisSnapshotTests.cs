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
/// one's parts, and a fenced commit its own; the parts of a commit that never lands live only for their time to live. A
/// snapshot written through the store's sink lands part by part as it is written, in the order its manifest gives; one
/// whose parts do not land in time is not committed.
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
            Assert.Equal(expectedParts, await redis.Connection.GetDatabase().HashLengthAsync(Assert.Single(parts)));
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
    public async Task Commit_Fenced_LeavesTheLastSnapshot_AndDeletesItsOwnParts()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var db = redis.Connection.GetDatabase();
        var kept = Snapshot(seed: 4, 2 << 20);
        await store.CommitAsync(Delta(kept, StateDelta.NoOffset, 10), default);
        var keptParts = Assert.Single(await PartsKeysAsync(store));

        await Assert.ThrowsAsync<StateFencedException>(async () => await store.CommitAsync(Delta(Snapshot(seed: 5, 2 << 20), fence: 5, next: 20), default));

        await db.PingAsync(); // after the fire-and-forget delete
        Assert.Equal(keptParts, Assert.Single(await PartsKeysAsync(store))); // nothing names the fenced commit's parts: gone
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
        using var dropped = new DroppedSnapshots();
        await server.ConfigSetAsync("proto-max-bulk-len", 1 << 20); // parts of 2 MiB are now refused, and the connection dropped
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var delta = Delta(Snapshot(seed: 9, 5 << 20), fence: 10, next: 20);
            await store.CommitAsync(delta, patience.Token);
            Assert.True(delta.SnapshotDropped); // told to the worker, whose next snapshot comes sooner
        }
        finally
        {
            await server.ConfigSetAsync("proto-max-bulk-len", longest);
        }

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);
        Assert.Equal(20, checkpoint.Offsets[Partition]); // the batch's state and offset went in
        Assert.True(kept.SameBytes(checkpoint.Snapshots[Partition])); // without its snapshot: the last one stands
        Assert.Equal(1, dropped.Count); // counted for the on-call engineer
    }

    [Fact]
    public async Task ReadCheckpoint_PartsGone_HasNoSnapshot_SoTheTaskRebuildsFromItsLog()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        await store.CommitAsync(Delta(Snapshot(seed: 6, 2 << 20), StateDelta.NoOffset, 10), default);
        var parts = Assert.Single(await PartsKeysAsync(store));
        await redis.Connection.GetDatabase().HashDeleteAsync(parts, 1); // the second part lost

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);

        Assert.Equal(10, checkpoint.Offsets[Partition]);
        Assert.False(checkpoint.Snapshots.ContainsKey(Partition)); // a short snapshot is never handed on as if whole
    }

    [Fact]
    public async Task Commit_ASnapshotWrittenThroughTheStoresSink_ItsChunksLandAsTheyFill_AndItReadsBackByteForByte()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var db = redis.Connection.GetDatabase();
        var sink = store.OpenSnapshotSink(Partition);
        var streamed = new SnapshotWriter(sink: sink);
        var whole = new SnapshotWriter();
        await Task.Run(() => WriteBoth(streamed, whole)); // on the pool, as a worker writes: no test thread blocked on the store
        var snapshot = streamed.ToBytes();
        var parts = Assert.Single(await PartsKeysAsync(store));
        var landed = await db.HashLengthAsync(parts);
        Assert.True(landed >= 4, $"{landed} parts in the store before the commit"); // about 44 MB went as it was written, 8 parts at most still on their way
        Assert.InRange(await db.KeyTimeToLiveAsync(parts) ?? TimeSpan.Zero, TimeSpan.FromMinutes(1), RedisStateStore.PartsTimeToLive); // until a commit names them
        Assert.InRange(snapshot.Pieces.Where(p => p.Stored is null).Sum(p => p.Length), 1, 4 << 20); // the rest stayed here

        var committed = Delta(snapshot, StateDelta.NoOffset, 50);
        await store.CommitAsync(committed, default);
        var checkpoint = await store.ReadCheckpointAsync([Partition], default);

        Assert.False(committed.SnapshotDropped);
        Assert.Equal(50, checkpoint.Offsets[Partition]);
        Assert.Equal(whole.ToArray(), checkpoint.Snapshots[Partition].ToArray());
        Assert.Equal(parts, Assert.Single(await PartsKeysAsync(store))); // the same parts, and those written at the commit
        Assert.Null(await db.KeyTimeToLiveAsync(parts)); // permanent now
    }

    [Fact]
    public async Task Commit_ASnapshotWhosePartsDidNotLandInTime_CommitsWithoutIt_AndTheLastOneStands()
    {
        var store = redis.NewStore(TestCampaigns.Spring(), new RedisStoreOptions { SnapshotPartTimeout = TimeSpan.FromMilliseconds(300) });
        var kept = Snapshot(seed: 10, 2 << 20);
        await store.CommitAsync(Delta(kept, StateDelta.NoOffset, 10), default);
        using var dropped = new DroppedSnapshots();
        var writer = new SnapshotWriter(sink: store.OpenSnapshotSink(Partition));

        await PauseWritesAsync(TimeSpan.FromSeconds(2)); // Redis holds every write for 2 s
        await Task.Run(() => Fill(writer, seed: 11, 2_000_000)); // 16 MB: more parts than may wait at once
        var delta = Delta(writer.ToBytes(), fence: 10, next: 20);
        await store.CommitAsync(delta, default);
        Assert.True(delta.SnapshotDropped);

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);
        Assert.Equal(20, checkpoint.Offsets[Partition]); // the batch's state and offset went in
        Assert.True(kept.SameBytes(checkpoint.Snapshots[Partition])); // without its snapshot: the last one stands
        Assert.Equal(1, dropped.Count);
    }

    [Fact]
    public async Task OpenSnapshotSink_Abandoned_ItsPartsGo()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var writer = new SnapshotWriter(sink: store.OpenSnapshotSink(Partition));
        await Task.Run(() => Fill(writer, seed: 3, 1_500_000)); // 12 MB: 11 chunks, more than may be on their way, so some landed
        var parts = Assert.Single(await PartsKeysAsync(store));

        writer.Sink!.Abandon();

        var db = redis.Connection.GetDatabase();
        await db.PingAsync(); // after the fire-and-forget delete
        Assert.False(await db.KeyExistsAsync(parts));
    }

    [Fact]
    public async Task ReadCheckpoint_AnOlderBuildsPartsList_ReadsBackInOrder()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var db = redis.Connection.GetDatabase();
        await store.CommitAsync(Delta(Snapshot(seed: 4, 100), StateDelta.NoOffset, 10), default);
        var snapshot = Snapshot(seed: 5, 3 << 20);
        var task = TaskNames.Of(Partition);
        var field = RedisKeys.PartitionField(Partition);
        var list = store.Keys.SnapshotParts(task, field, "older");
        var arrays = snapshot.SegmentArrays(1 << 20).ToList();
        foreach (var part in arrays)
        {
            await db.ListRightPushAsync(list, part);
        }

        // As that build's commit left it: the list, and a manifest of three lines (its key, its length, the bytes).
        await db.HashDeleteAsync(store.Keys.Snapshots(task), field);
        await db.HashSetAsync(store.Keys.Snapshots(task), RedisKeys.PartsField(field), $"{list}\n{arrays.Count}\n{snapshot.Length}");

        var checkpoint = await store.ReadCheckpointAsync([Partition], default);

        Assert.True(snapshot.SameBytes(checkpoint.Snapshots[Partition]));
    }

    private static void WriteBoth(params SnapshotWriter[] writers)
    {
        foreach (var writer in writers)
        {
            writer.Write(7);
            var groups = new SnapshotBytes[2];
            Parallel.Invoke( // side by side, as a brand task's groups are: their parts reach the store interleaved
                () => groups[0] = SnapshotWriter.Part(long.MaxValue, writer.Sink, w => Fill(w, seed: 1, 3_000_000)),
                () => groups[1] = SnapshotWriter.Part(long.MaxValue, writer.Sink, w => Fill(w, seed: 2, 2_500_000)));
            writer.Append(groups[0]);
            writer.Write("between");
            writer.Append(groups[1]);
        }
    }

    private static void Fill(SnapshotWriter writer, int seed, int longs)
    {
        var random = new Random(seed);
        for (var i = 0; i < longs; i++)
        {
            writer.Write(random.NextInt64());
        }
    }

    /// <summary>A brand task's delta for <see cref="Partition"/> carrying <paramref name="snapshot"/>.</summary>
    private static StateDelta Delta(SnapshotBytes snapshot, long fence, long next)
    {
        // A commit id as a worker's committer gives (its sequence rising with the offset): a commit retried after a lost
        // reply must find its own first attempt a repeat, not be fenced by it.
        var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(Partition), Snapshot = snapshot, CommitId = new CommitId("snapshot-tests", next) };
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

    /// <summary>Hears <c>creatorstream_state_snapshots_dropped_total</c> with reason parts_failed.</summary>
    private sealed class DroppedSnapshots : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _count;

        public DroppedSnapshots()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "creatorstream_state_snapshots_dropped_total")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (tags.ToArray().Contains(new KeyValuePair<string, object?>("reason", "parts_failed")))
                {
                    Interlocked.Add(ref _count, value);
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>CLIENT PAUSE … WRITE, which this client version cannot send: written on a socket of its own.</summary>
    private async Task PauseWritesAsync(TimeSpan pause)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, redis.Server.Port);
        var stream = client.GetStream();
        var ms = ((long)pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"*4\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n${ms.Length}\r\n{ms}\r\n$5\r\nWRITE\r\n"));
        var reply = new byte[5];
        Assert.Equal(5, await stream.ReadAtLeastAsync(reply, 5));
        Assert.Equal("+OK\r\n", System.Text.Encoding.ASCII.GetString(reply));
    }

    private async Task<ConnectionMultiplexer> AdminAsync()
    {
        var options = new ConfigurationOptions { AllowAdmin = true, AbortOnConnectFail = true };
        options.EndPoints.Add(redis.Server.Endpoint);
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
