using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>Opens the process's one multiplexer (StackExchange.Redis is built to be shared by every caller).</summary>
public static class RedisConnections
{
    /// <summary>
    /// Connects, and fails start-up if Redis cannot be reached or refuses the password: a process that starts without
    /// its store would only hang, while a clear failure lets a person (or a service manager's restart) act. Once
    /// connected, the multiplexer reconnects by itself after Redis restarts (<c>AbortOnConnectFail = false</c>), and
    /// the state writer retries its commits meanwhile.
    /// </summary>
    /// <exception cref="RedisUnreachableException">Redis did not answer, or refused the credentials or the TLS set-up.</exception>
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisStoreOptions options, ILogger logger)
    {
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            // A command for a server the client lost fails now rather than waiting, up to the sync timeout, for the
            // server to come back (StackExchange.Redis 2.x's default backlog): every caller owns its retry (the state
            // writer's commit loop) or its answer (a dashboard read's 503), and an operator sees the outage at once.
            BacklogPolicy = BacklogPolicy.FailFast,
            SyncTimeout = options.SyncTimeoutMs,
            ConnectTimeout = 5_000,
            ConnectRetry = 3,
            Password = options.Password,
            Ssl = options.UseTls,
            ClientName = $"creatorstream-{Environment.ProcessId}",
        };
        foreach (var node in options.Endpoint.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            configuration.EndPoints.Add(node); // one server, or Redis Cluster nodes (the client finds the others and routes by slot)
        }
        if (options.UseTls && options.TlsCaFile is { } caFile)
        {
            configuration.CertificateValidation += TlsTrust.FromPemFile(caFile).Validate;
        }

        // The client's own account of the connect (kept only for a failure's reason): a refused password shows there, and
        // in a later PING's error only when that PING happens to meet the refusing connection.
        var attempts = new StringWriter();
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration, attempts);
        if (!connection.IsConnected)
        {
            var reason = await FailureAsync(connection, attempts.ToString());
            connection.Dispose();
            throw new RedisUnreachableException(options.Endpoint, reason);
        }

        connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection to {Endpoint} lost: {Failure}", e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection to {Endpoint} restored", e.EndPoint);
        return connection;
    }

    /// <summary>Why the multiplexer is not connected, in the client's words (a PING's failure names it: socket, auth, TLS).</summary>
    private static async Task<string> FailureAsync(ConnectionMultiplexer connection, string attempts)
    {
        if (RefusedPassword(attempts))
        {
            return "it refused the password (or needs one)";
        }

        try
        {
            await connection.GetDatabase().PingAsync();
            return "it answered only after the connect attempts had given up";
        }
        catch (RedisConnectionException e)
        {
            // A refused password comes back as the PING's connection failure, named only in the message text.
            return RefusedPassword(e.ToString()) ? "it refused the password (or needs one)" : $"no connection ({e.FailureType})";
        }
    }

    private static bool RefusedPassword(string text) =>
        text.Contains("AuthenticationFailure", StringComparison.Ordinal)
        || text.Contains("NOAUTH", StringComparison.Ordinal)
        || text.Contains("WRONGPASS", StringComparison.Ordinal);
}
