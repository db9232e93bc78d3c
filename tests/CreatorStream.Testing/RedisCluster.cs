using System.Diagnostics;
using System.Net.Sockets;

namespace CreatorStream.Testing;

/// <summary>
/// A real Redis Cluster of three masters and no replicas on free loopback ports, for one test or a class fixture. Each
/// node is a <see cref="RedisServer"/> with its own temporary folder (its data and its <c>nodes-PORT.conf</c>), joined
/// by <c>redis-cli --cluster create</c>, which gives the slots out in node order: 0–5460, 5461–10922, 10923–16383.
/// Every process dies with the test process, even if the test host crashes (<see cref="OrphanGuard"/>).
/// </summary>
/// <remarks>
/// With no replicas, a stopped master's slots have no one to fail over to: once the others mark it failed (after
/// <see cref="NodeTimeoutMs"/>), every node answers <c>CLUSTERDOWN</c> to every key command, for all slots, until it is
/// back (<c>cluster-require-full-coverage</c> is on by default). A restarted node keeps its id and slots (its
/// <c>nodes.conf</c>) but not its keys: nothing is persisted.
/// </remarks>
public sealed class RedisCluster : IAsyncDisposable
{
    public const int NodeCount = 3;

    // Bounds for start-up steps that take about a second on an idle machine; a hit means a hang, not slowness.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RedisCluster(IReadOnlyList<RedisServer> nodes, int nodeTimeoutMs)
    {
        Nodes = nodes;
        NodeTimeoutMs = nodeTimeoutMs;
    }

    /// <summary>The three masters, in the order their slots were given out (see the class summary).</summary>
    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>
    /// A StackExchange.Redis configuration string naming every node, e.g. <c>127.0.0.1:35001,127.0.0.1:35002,127.0.0.1:35003</c>
    /// (the client would find the others from one, but naming all lets it connect while any one is down).
    /// </summary>
    public string Configuration => string.Join(',', Nodes.Select(node => node.Endpoint));

    /// <summary>
    /// <c>cluster-node-timeout</c>: how long a node is unreachable before the others mark it failed and the cluster
    /// goes down (Redis's default is 15000).
    /// </summary>
    public int NodeTimeoutMs { get; }

    /// <summary>Starts three nodes, joins them and returns once each says <c>cluster_state:ok</c> and knows the other two.</summary>
    /// <param name="nodeTimeoutMs">The nodes' <c>cluster-node-timeout</c>; lower it for tests that wait for a failure to be seen.</param>
    public static async Task<RedisCluster> StartNewAsync(int nodeTimeoutMs = 15_000)
    {
        var starts = Enumerable.Range(0, NodeCount).Select(_ => RedisServer.StartClusterNodeAsync(nodeTimeoutMs)).ToList();
        try
        {
            var cluster = new RedisCluster(await Task.WhenAll(starts), nodeTimeoutMs);
            await cluster.CreateAsync();
            await cluster.WaitUntilHealthyAsync(Patience);
            return cluster;
        }
        catch
        {
            foreach (var start in starts.Where(start => start.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Kills node <paramref name="index"/> at once (SIGKILL, as a crash would); the others keep running.</summary>
    public Task StopNodeAsync(int index) => Nodes[index].StopAsync();

    /// <summary>Starts node <paramref name="index"/> again on its port and returns once the cluster is healthy again.</summary>
    public async Task StartNodeAsync(int index)
    {
        await Nodes[index].StartAsync();
        await WaitUntilHealthyAsync(Patience + TimeSpan.FromMilliseconds(2 * NodeTimeoutMs)); // a failed master is cleared after 2 node timeouts
    }

    /// <summary>
    /// The <c>cluster_state</c> node <paramref name="index"/> reports in <c>CLUSTER INFO</c>: <c>ok</c> or <c>fail</c>.
    /// </summary>
    /// <exception cref="SocketException">The node is not running.</exception>
    public async Task<string> StateAsync(int index) =>
        Field(await RedisProbe.AskAsync(Nodes[index].Port, TimeSpan.FromSeconds(5), "CLUSTER", "INFO") ?? "", "cluster_state") ?? "";

    /// <summary>Waits until every node says <c>cluster_state:ok</c> and knows all three nodes, polling every 100 ms.</summary>
    /// <exception cref="TimeoutException">Not healthy within <paramref name="timeout"/>; the message has each node's last answer.</exception>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = new string[NodeCount];
        while (true)
        {
            for (var i = 0; i < NodeCount; i++)
            {
                try
                {
                    last[i] = await RedisProbe.AskAsync(Nodes[i].Port, TimeSpan.FromSeconds(5), "CLUSTER", "INFO") ?? "";
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
                {
                    last[i] = e.Message;
                }
            }

            if (last.All(info => Field(info, "cluster_state") == "ok" && Field(info, "cluster_known_nodes") == "3"))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"the cluster was not healthy within {timeout}; CLUSTER INFO per node:\n{string.Join("\n---\n", last.Select((info, i) => $"{Nodes[i].Endpoint}: {info}"))}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }

    // redis-cli assigns the slots, introduces the nodes to each other and waits until they agree on the configuration.
    private async Task CreateAsync()
    {
        var arguments = new List<string> { "--cluster", "create" };
        arguments.AddRange(Nodes.Select(node => node.Endpoint));
        arguments.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
        using var process = Process.Start(OrphanGuard.StartInfo("redis-cli", arguments)) ?? throw new InvalidOperationException("sh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"redis-cli --cluster create did not finish within {Patience}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"redis-cli --cluster create exited with code {process.ExitCode} (127: not installed; ./dev test installs it):\n{await output}\n{await errors}");
        }
    }

    // One "name:value" line of CLUSTER INFO's reply.
    private static string? Field(string info, string name) =>
        info.Split("\r\n").FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..];
}
