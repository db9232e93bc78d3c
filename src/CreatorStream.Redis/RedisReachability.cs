using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>Whether Redis answers a PING on the process's multiplexer. Used by readiness; thread-safe.</summary>
public static class RedisReachability
{
    /// <summary>Null when Redis answered, else why not (the client's message names the endpoint, never the password).</summary>
    public static async Task<string?> CheckAsync(IConnectionMultiplexer redis)
    {
        if (!redis.IsConnected)
        {
            return "not connected";
        }

        try
        {
            await redis.GetDatabase().PingAsync();
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"unreachable: {FirstSentence(e.Message)}";
        }
    }

    // StackExchange.Redis appends a long diagnostic tail (buffers, timings) after the first sentence.
    private static string FirstSentence(string message) => message.Split(';', 2)[0];
}
