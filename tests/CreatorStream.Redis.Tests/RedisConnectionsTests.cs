using System.Diagnostics;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>The process's connection as <see cref="RedisConnections"/> opens it, against a real redis-server.</summary>
public sealed class RedisConnectionsTests
{
    /// <summary>
    /// A command for a server the client lost fails at once as a connection error, for its caller to retry or answer
    /// 503, rather than waiting in the client's backlog up to the sync timeout (10 s) for the server to return
    /// (StackExchange.Redis 2.x's default, which would hold a dashboard read that long and fail it as a timeout).
    /// </summary>
    [Fact]
    public async Task Read_ServerGone_FailsAtOnceAsAConnectionError()
    {
        await using var server = await RedisServer.StartNewAsync();
        var options = new RedisStoreOptions { Endpoint = server.Endpoint };
        using var connection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
        var db = connection.GetDatabase();
        await db.StringSetAsync("k", "v");

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<RedisException>(() => db.StringGetAsync("k"));

        Assert.IsType<RedisConnectionException>(failure);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(options.SyncTimeoutMs / 2));

        await server.StartAsync();
        var deadline = Stopwatch.StartNew();
        while (!connection.IsConnected && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(await db.KeyExistsAsync("k") is false, "the server came back without its data (nothing persisted), and the client with it");
    }
}
