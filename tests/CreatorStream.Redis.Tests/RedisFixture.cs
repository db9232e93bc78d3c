using CreatorStream.Core.Configuration;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>One real redis-server for a test class; each test takes its own key prefix (STYLE.md habit 11).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private int _next;

    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartNewAsync();
        Connection = await RedisConnections.ConnectAsync(new RedisStoreOptions { Endpoint = Server.Endpoint }, NullLogger.Instance);
    }

    /// <summary>A store with its own prefix, placing keys as replay's default brand partitions do.</summary>
    public RedisStateStore NewStore(CampaignCatalog catalog, RedisStoreOptions? options = null) =>
        new(
            Connection,
            (options ?? new RedisStoreOptions()) with { Endpoint = Server.Endpoint, KeyPrefix = $"test{Interlocked.Increment(ref _next)}", BrandPartitions = new Processing.Replay.Replayer(catalog, Core.Streaming.ProcessorOptions.Default, TimeProvider.System).BrandPartitions },
            catalog,
            NullLogger<RedisStateStore>.Instance);

    public async Task DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
