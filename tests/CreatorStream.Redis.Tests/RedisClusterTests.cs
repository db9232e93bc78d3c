using System.Collections.Concurrent;
using CreatorStream.Testing;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// What StackExchange.Redis 2.x does against a real three-master Redis Cluster (Redis 7.0): where scripts and keyed
/// commands go, which multi-key calls it refuses, pub/sub and key scans. Where a command ran is asked of the nodes
/// themselves (their <c>INFO</c>, their <c>MOVED</c> replies), not of the client. Slot moves and a master's death are in
/// <see cref="RedisClusterTopologyTests"/>, in the same collection so that the two never run at once on a small machine.
/// </summary>
[Collection(nameof(RedisClusterTests))]
public sealed class RedisClusterTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>
{
    // Hash tags and their slots as CLUSTER KEYSLOT gives them; the owners follow redis-cli's split of the slots
    // (node 0: 0-5460, node 1: 5461-10922, node 2: 10923-16383).
    internal const string TagOnNode0 = "{cs:b3}"; // slot 1979
    internal const string OtherTagOnNode0 = "{cs:b7}"; // slot 1855
    internal const string TagOnNode1 = "{cs:b2}"; // slot 6042
    internal const string TagOnNode2 = "{cs:b4}"; // slot 14172

    private IDatabase Db => redis.Connection.GetDatabase();

    private IReadOnlyList<RedisServer> Nodes => redis.Cluster.Nodes;

    [Fact]
    public async Task ScriptEvaluateAsync_KeysSharingOneHashTag_RunAtomicallyOnTheOwningMasterOnly()
    {
        await NodeStats.ResetAsync(redis.Cluster);
        string first = $"{TagOnNode0}:atomic:a", second = $"{TagOnNode0}:atomic:b";
        const string Increment = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
            redis.call('SET', KEYS[1], n)
            redis.call('SET', KEYS[2], n)
            return n
            """;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Db.ScriptEvaluateAsync(Increment, [first, second])));
        var stats = await Task.WhenAll(Nodes.Select(NodeStats.ReadAsync)); // before the probes below add their own MOVED

        // 200 read-modify-writes sent at once, each saw a count no other saw: none interleaved with another.
        Assert.Equal(Enumerable.Range(1, 200), results.Select(result => (int)result).Order());
        Assert.Equal("200", await redis.AskAsync(0, "GET", first));
        Assert.Equal("200", await redis.AskAsync(0, "GET", second));
        Assert.Equal($"-MOVED 1979 {Nodes[0].Endpoint}", await redis.AskAsync(1, "GET", first));
        Assert.Equal($"-MOVED 1979 {Nodes[0].Endpoint}", await redis.AskAsync(2, "GET", first));

        // The client chose node 0 itself: no node answered MOVED, and no other node ran a script.
        Assert.Equal(200, stats[0].CallsOf("eval") + stats[0].CallsOf("evalsha"));
        Assert.All(stats[1..], node => Assert.Equal(0, node.CallsOf("eval") + node.CallsOf("evalsha")));
        Assert.All(stats, node => Assert.Equal(0, node.ErrorsOf("MOVED")));
    }

    [Theory]
    [InlineData(TagOnNode0, TagOnNode1)] // two slots on two nodes
    [InlineData(TagOnNode0, OtherTagOnNode0)] // two slots on one node: the client checks slots, not nodes
    public async Task ScriptEvaluateAsync_KeysInTwoSlots_ThrowsInTheClientWithoutSending(string firstTag, string secondTag)
    {
        await NodeStats.ResetAsync(redis.Cluster);

        var error = await Assert.ThrowsAsync<RedisCommandException>(() => Db.ScriptEvaluateAsync("return 1", [$"{firstTag}:x", $"{secondTag}:x"]));

        Assert.Equal(
            "Multi-key operations must involve a single slot; keys can use 'hash tags' to help this, i.e. '{/users/12345}/account' and '{/users/12345}/contacts' will always be in the same slot",
            error.Message);
        var stats = await Task.WhenAll(Nodes.Select(NodeStats.ReadAsync));
        Assert.All(stats, node => Assert.Equal(0, node.CallsOf("eval") + node.CallsOf("evalsha") + node.CallsOf("script|load")));
    }

    [Fact]
    public async Task ExecuteAsync_EvalWithKeysInTwoSlots_ServerAnswersCrossSlot()
    {
        // Execute does not know which arguments are keys, so the client sends it to some node and Redis refuses it there.
        var error = await Assert.ThrowsAsync<RedisServerException>(() => Db.ExecuteAsync("EVAL", "return 1", "2", $"{TagOnNode0}:x", $"{TagOnNode1}:x"));

        Assert.Equal("CROSSSLOT Keys in request don't hash to the same slot", error.Message);
    }

    [Fact]
    public async Task ScriptEvaluateAsync_KeysOnlyInArgv_GoesToAnyNodeAndFailsWhereTheKeyIsNotLocal()
    {
        // The store's commit script passes its keys in ARGV (Scripts.Commit). With no KEYS the client cannot route by
        // slot, so a script reaching a key another master owns is refused there.
        var (values, refusals) = (new List<string?>(), new List<string>());
        foreach (var tag in new[] { TagOnNode0, TagOnNode1, TagOnNode2 })
        {
            await Db.StringSetAsync($"{tag}:argv", tag);
            for (var attempt = 0; attempt < 10; attempt++)
            {
                try
                {
                    values.Add((string?)await Db.ScriptEvaluateAsync("return redis.call('GET', ARGV[1])", [], [$"{tag}:argv"]));
                }
                catch (RedisServerException e)
                {
                    refusals.Add(e.Message);
                }
            }
        }

        // Whichever node the client picks, two of the three keys are not on it; the node that has the key answers.
        Assert.InRange(refusals.Count, 10, 30);
        Assert.All(refusals, refusal => Assert.Matches(@"^ERR Script attempted to access a non local key in a cluster node script: [0-9a-f]{40}, on @user_script:1\.$", refusal));
        Assert.All(values, value => Assert.Contains(value, new[] { TagOnNode0, TagOnNode1, TagOnNode2 }));
    }

    [Fact]
    public async Task LuaScriptEvaluate_RedisKeyParameter_RoutesByItAndRunsOnTheOwningMaster()
    {
        await NodeStats.ResetAsync(redis.Cluster);
        var script = LuaScript.Prepare("redis.call('HSET', @key, 'f', @value); return redis.call('HGET', @key, 'f')");

        var result = await Db.ScriptEvaluateAsync(script, new { key = (RedisKey)$"{TagOnNode1}:lua", value = "v1" });

        // The rewritten script reads every parameter from ARGV; the client also sends the RedisKey ones as KEYS, which
        // routes the call and declares the key to Redis.
        Assert.Equal("redis.call('HSET', ARGV[1], 'f', ARGV[2]); return redis.call('HGET', ARGV[1], 'f')", script.ExecutableScript);
        Assert.Equal("v1", (string?)result);
        Assert.Equal("v1", await redis.AskAsync(1, "HGET", $"{TagOnNode1}:lua", "f"));
        var stats = await Task.WhenAll(Nodes.Select(NodeStats.ReadAsync));
        Assert.Equal(1, stats[1].CallsOf("eval") + stats[1].CallsOf("evalsha"));
        Assert.All(stats, node => Assert.Equal(0, node.ErrorsOf("MOVED")));
    }

    [Fact]
    public async Task HashGetAllAsync_HashesOnThreeMasters_ReadsEachFromItsOwner()
    {
        // Written on each owner directly, not through the client under test.
        string[] tags = [TagOnNode0, TagOnNode1, TagOnNode2];
        for (var node = 0; node < tags.Length; node++)
        {
            Assert.Equal(":2", await redis.AskAsync(node, "HSET", $"{tags[node]}:hash", "views", $"{node}00", "clicks", $"{node}"));
        }

        var hashes = await Task.WhenAll(tags.Select(tag => Db.HashGetAllAsync($"{tag}:hash")));

        Assert.Equal(
            ["clicks=0,views=000", "clicks=1,views=100", "clicks=2,views=200"],
            hashes.Select(hash => string.Join(',', hash.OrderBy(entry => (string?)entry.Name, StringComparer.Ordinal).Select(entry => $"{entry.Name}={entry.Value}"))));
    }

    [Fact]
    public async Task StringGetAsync_ManyKeys_OneSlotReadsAllAndTwoSlotsThrowInTheClient()
    {
        await Db.StringSetAsync([new($"{TagOnNode2}:m:a", "1"), new($"{TagOnNode2}:m:b", "2")]);

        var values = await Db.StringGetAsync([$"{TagOnNode2}:m:a", $"{TagOnNode2}:m:b"]);
        var error = await Assert.ThrowsAsync<RedisCommandException>(() => Db.KeyDeleteAsync([$"{TagOnNode2}:m:a", $"{TagOnNode0}:m:a"]));

        Assert.Equal(["1", "2"], values.Select(value => (string?)value));
        Assert.StartsWith("Multi-key operations must involve a single slot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_SubscriberOnAnotherConnection_ReceivesFromEveryNode()
    {
        var received = new ConcurrentQueue<string>();
        using var listener = await TestConnections.ConnectAsync(redis.Cluster.Configuration);
        await listener.GetSubscriber().SubscribeAsync(StackExchange.Redis.RedisChannel.Literal("cs:cluster-feed"), (_, message) => received.Enqueue(message!));

        await redis.Connection.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal("cs:cluster-feed"), "via-client");
        var counts = new List<string?>();
        for (var node = 0; node < RedisCluster.NodeCount; node++)
        {
            counts.Add(await redis.AskAsync(node, "PUBLISH", "cs:cluster-feed", $"via-node-{node}"));
        }

        // Cluster pub/sub is broadcast over the cluster bus: a message published on any node reaches a subscriber on
        // any other. PUBLISH counts only the receivers on the node it ran on, so the subscription's node says 1 and
        // the others 0 (so PublishAsync's count can be 0 for a message that is delivered).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (received.Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(["via-client", "via-node-0", "via-node-1", "via-node-2"], received.Order(StringComparer.Ordinal));
        Assert.Equal([":0", ":0", ":1"], counts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Keys_OneConfiguredEndpoint_DiscoversAllMastersAndEachListsOnlyItsOwnKeys()
    {
        // Thirty keys under one prefix, their tags spread over the slots, written through the shared connection.
        var written = Enumerable.Range(0, 30).Select(i => $"cs:clear:{{{i}}}").ToList();
        foreach (var key in written)
        {
            await Db.StringSetAsync(key, "x");
        }

        using var connection = await TestConnections.ConnectAsync(Nodes[0].Endpoint);
        var endpoints = connection.GetEndPoints();
        var perMaster = new List<List<string>>();
        foreach (var endpoint in endpoints)
        {
            perMaster.Add([.. (await RedisKeyScan.KeysAsync(connection.GetServer(endpoint), "cs:clear:*")).Select(key => (string)key!)]);
        }

        Assert.Equal(Nodes.Select(node => node.Endpoint).Order(), endpoints.Select(endpoint => endpoint.ToString()!).Order());
        Assert.All(perMaster, keys => Assert.NotEmpty(keys));
        Assert.Equal(written.Order(), perMaster.SelectMany(keys => keys).Order()); // disjoint, and together all of them

        // Clearing the prefix as the store does (scan every master, delete key by key) leaves none behind.
        foreach (var key in perMaster.SelectMany(keys => keys))
        {
            await connection.GetDatabase().KeyDeleteAsync(key);
        }

        foreach (var endpoint in endpoints)
        {
            Assert.Empty(await RedisKeyScan.KeysAsync(connection.GetServer(endpoint), "cs:clear:*"));
        }
    }
}
