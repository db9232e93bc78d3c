using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>Opens the process's one multiplexer (StackExchange.Redis is built to be shared by every caller).</summary>
public static class RedisConnections
{
    /// <summary>
    /// Connects, retrying in the background if Redis is not up yet (<c>AbortOnConnectFail = false</c>): a worker starts and
    /// waits for Redis rather than failing, and reconnects by itself after Redis restarts.
    /// </summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisStoreOptions options, ILogger logger)
    {
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            SyncTimeout = options.SyncTimeoutMs,
            ConnectTimeout = 5_000,
            ConnectRetry = 3,
            Password = options.Password,
            Ssl = options.UseTls,
            ClientName = $"creatorstream-{Environment.ProcessId}",
        };
        configuration.EndPoints.Add(options.Endpoint);
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection to {Endpoint} lost: {Failure}", e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection to {Endpoint} restored", e.EndPoint);
        return connection;
    }
}
