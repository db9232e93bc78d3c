using System.Diagnostics;
using System.Globalization;
using CreatorStream.Testing;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// StackExchange.Redis 2.x while a Redis Cluster changes under it: a slot moved between masters (ASK during the move,
/// MOVED after it) and a master killed with no replica to take over. Each test starts its own cluster.
/// </summary>
[Collection(nameof(RedisClusterTests))]
public sealed class RedisClusterTopologyTests
{
    private const string Slot = "1979"; // RedisClusterTests.TagOnNode0's slot, owned by node 0

    [Fact]
    public async Task StringGetAsync_SlotMigratingThenMoved_FollowsAskThenMovedAndLearnsTheNewOwner()
    {
        await using var cluster = await RedisCluster.StartNewAsync();
        using var connection = await TestConnections.ConnectAsync(cluster.Configuration);
        var db = connection.GetDatabase();
        string moved = $"{RedisClusterTests.TagOnNode0}:moved", staying = $"{RedisClusterTests.TagOnNode0}:staying";
        await db.StringSetAsync(moved, "m");
        await db.StringSetAsync(staying, "s");
        var ids = await Task.WhenAll(Enumerable.Range(0, RedisCluster.NodeCount).Select(async node => (await AskAsync(cluster, node, "CLUSTER", "MYID"))!));

        // Slot 1979 from node 0 to node 1, as redis-cli --cluster reshard moves a slot: mark both ends, move the keys,
        // then give the slot to its new owner everywhere. Here it stops after the first key.
        Assert.Equal("+OK", await AskAsync(cluster, 1, "CLUSTER", "SETSLOT", Slot, "IMPORTING", ids[0]));
        Assert.Equal("+OK", await AskAsync(cluster, 0, "CLUSTER", "SETSLOT", Slot, "MIGRATING", ids[1]));
        await MigrateAsync(cluster, moved);
        await NodeStats.ResetAsync(cluster);

        var movedMidway = await db.StringGetAsync(moved);
        var stayingMidway = await db.StringGetAsync(staying);
        var midway = await Task.WhenAll(cluster.Nodes.Select(NodeStats.ReadAsync));

        // Node 0 answered ASK for the key it no longer holds; the client sent ASKING and the GET to node 1.
        Assert.Equal(("m", "s"), ((string?)movedMidway, (string?)stayingMidway));
        Assert.Equal($"-ASK {Slot} {cluster.Nodes[1].Endpoint}", await AskAsync(cluster, 0, "GET", moved));
        Assert.Equal((1, 1), (midway[0].ErrorsOf("ASK"), midway[0].CallsOf("get")));
        Assert.Equal((1, 1), (midway[1].CallsOf("asking"), midway[1].CallsOf("get")));

        await MigrateAsync(cluster, staying);
        foreach (var node in new[] { 1, 0, 2 })
        {
            Assert.Equal("+OK", await AskAsync(cluster, node, "CLUSTER", "SETSLOT", Slot, "NODE", ids[1]));
        }

        await NodeStats.ResetAsync(cluster);
        var movedAfter = await db.StringGetAsync(moved);
        var stayingAfter = await db.StringGetAsync(staying);
        var after = await Task.WhenAll(cluster.Nodes.Select(NodeStats.ReadAsync));

        // The first read met MOVED and was resent to node 1; the client took the new owner from that reply, so the
        // second went to node 1 directly.
        Assert.Equal(("m", "s"), ((string?)movedAfter, (string?)stayingAfter));
        Assert.Equal((1, 0), (after[0].ErrorsOf("MOVED"), after[0].CallsOf("get")));
        Assert.Equal(2, after[1].CallsOf("get"));
    }

    [Fact]
    public async Task StopNodeAsync_MasterWithoutReplica_ItsSlotsFailAsConnectionErrorsThenTheWholeClusterIsDown()
    {
        const int NodeTimeoutMs = 2_000;
        await using var cluster = await RedisCluster.StartNewAsync(NodeTimeoutMs);
        var options = ConfigurationOptions.Parse(cluster.Configuration);
        options.AbortOnConnectFail = false; // as RedisConnections connects
        options.BacklogPolicy = BacklogPolicy.FailFast;
        using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var db = connection.GetDatabase();
        string onNode0 = $"{RedisClusterTests.TagOnNode0}:k", onNode1 = $"{RedisClusterTests.TagOnNode1}:k", onNode2 = $"{RedisClusterTests.TagOnNode2}:k";
        await db.StringSetAsync(onNode0, "zero");
        await db.StringSetAsync(onNode1, "one");

        var clock = Stopwatch.StartNew();
        await cluster.StopNodeAsync(1);
        var refusing = Assert.ThrowsAnyAsync<RedisException>(() => db.StringGetAsync(onNode1));
        var servedMeanwhile = await db.StringGetAsync(onNode0);
        var servedAfter = clock.Elapsed;
        var refused = await refusing;
        var refusedAfter = clock.Elapsed;
        while ((await cluster.StateAsync(0) == "ok" || await cluster.StateAsync(2) == "ok") && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        var downAfter = clock.Elapsed;
        var readWhileDown = await Assert.ThrowsAsync<RedisServerException>(() => db.StringGetAsync(onNode0));
        var writeWhileDown = await Assert.ThrowsAsync<RedisServerException>(() => db.StringSetAsync(onNode2, "two"));
        await cluster.StartNodeAsync(1);

        // With the backlog off (as RedisConnections connects), a command for the lost node is not held for it to come
        // back: it fails as a connection error once the client's attempt to reconnect fails ("UnableToConnect", or
        // "SocketClosed" when it met the closing socket). Measured here: about 1 s after the kill, well before the
        // cluster notices.
        Assert.IsType<RedisConnectionException>(refused);
        Assert.InRange(refusedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(4));

        // The other masters serve their own slots meanwhile, until they agree the node failed, after cluster-node-timeout...
        Assert.Equal("zero", (string?)servedMeanwhile);
        Assert.InRange(servedAfter, TimeSpan.Zero, TimeSpan.FromMilliseconds(NodeTimeoutMs));
        Assert.InRange(downAfter, TimeSpan.FromMilliseconds(NodeTimeoutMs), TimeSpan.FromSeconds(20));

        // ...and then refuse every key, read or write, on every slot (cluster-require-full-coverage).
        Assert.Equal("CLUSTERDOWN The cluster is down", readWhileDown.Message);
        Assert.Equal("CLUSTERDOWN The cluster is down", writeWhileDown.Message);

        // Back up, the node keeps its slots but not its keys (nothing is persisted); the others kept theirs.
        Assert.Equal("zero", (string?)await db.StringGetAsync(onNode0));
        Assert.Null((string?)await db.StringGetAsync(onNode1));
    }

    private static Task<string?> AskAsync(RedisCluster cluster, int node, params string[] command) => RedisClusterFixture.AskAsync(cluster, node, command);

    private static async Task MigrateAsync(RedisCluster cluster, string key) =>
        Assert.Equal("+OK", await AskAsync(cluster, 0, "MIGRATE", "127.0.0.1", cluster.Nodes[1].Port.ToString(CultureInfo.InvariantCulture), "", "0", "5000", "KEYS", key));
}
