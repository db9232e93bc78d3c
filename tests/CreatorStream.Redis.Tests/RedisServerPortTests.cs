using CreatorStream.Testing;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// The tests' redis-server is where it says: a port picked free can be taken before the server binds it (the suite runs
/// many servers and clients at once), and a readiness check that any server answers would then hand a test another
/// test's server, which that test stops, reconfigures or flushes. Seen in session 44's full runs as connections reset
/// mid-test.
/// </summary>
public sealed class RedisServerPortTests
{
    [Fact]
    public async Task StartNew_OnAPortAnotherServerHolds_MovesToAFreeOne_AndAnswersAsItself()
    {
        await using var first = await RedisServer.StartNewAsync();

        await using var second = await RedisServer.StartNewTryingPortAsync(first.Port);

        Assert.NotEqual(first.Port, second.Port);
        using var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { second.Endpoint }, AllowAdmin = true });
        await connection.GetDatabase().StringSetAsync("mine", "second");
        using var other = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { first.Endpoint } });
        Assert.False(await other.GetDatabase().KeyExistsAsync("mine")); // two servers, not one answering for both
    }
}
