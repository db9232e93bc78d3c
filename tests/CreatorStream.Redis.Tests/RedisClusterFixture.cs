using CreatorStream.Testing;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>One three-master cluster and one multiplexer over it for a test class; tests that break the cluster start their own.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan ProbePatience = TimeSpan.FromSeconds(5);

    public RedisCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartNewAsync();
        Connection = await TestConnections.ConnectAsync(Cluster.Configuration);
    }

    /// <summary>Node <paramref name="index"/>'s own answer to <paramref name="command"/> (see <see cref="RedisProbe"/>).</summary>
    public Task<string?> AskAsync(int index, params string[] command) => AskAsync(Cluster, index, command);

    public static Task<string?> AskAsync(RedisCluster cluster, int index, params string[] command) =>
        RedisProbe.AskAsync(cluster.Nodes[index].Port, ProbePatience, command);

    public async Task DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        await Cluster.DisposeAsync();
    }
}
