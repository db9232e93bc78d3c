using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>
/// SCAN from async code, listed whole before the caller acts on the keys: a caller deleting as it walks would change
/// what the cursor has yet to visit.
/// </summary>
public static class RedisKeyScan
{
    /// <summary>Every key of <paramref name="server"/> matching <paramref name="pattern"/>, read <paramref name="pageSize"/> at a time.</summary>
    public static async Task<List<RedisKey>> KeysAsync(IServer server, string pattern, int pageSize = 1_000)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: pageSize))
        {
            keys.Add(key);
        }

        return keys;
    }
}
