using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// A test's own multiplexer, with the sync timeout the state store uses (<see cref="RedisStoreOptions.SyncTimeoutMs"/>)
/// instead of the client's 1 s: the full suite runs test assemblies side by side on two cores, and a cluster test's SCAN
/// timed out after 1 s with its reply already in the socket (a loaded run of session 15).
/// </summary>
internal static class TestConnections
{
    public static Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.SyncTimeout = new RedisStoreOptions().SyncTimeoutMs;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
