using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>
/// SCAN from async code. StackExchange.Redis 1.2.6 has no async SCAN, and its sync calls must not run on the thread an
/// awaited call of the same multiplexer resumed on: with <c>PreserveAsyncOrder</c> (its default) that continuation runs
/// on the connection's reader, and a sync call there waits for a reply only that blocked reader could read, until the
/// sync timeout (seen as "Timeout performing SCAN ... in: 11686" in a soak test; the library's issues 36 and 83).
/// So the walk runs on a pool thread of its own.
/// </summary>
public static class RedisKeyScan
{
    /// <summary>Every key of <paramref name="server"/> matching <paramref name="pattern"/>, read <paramref name="pageSize"/> at a time.</summary>
    public static Task<List<RedisKey>> KeysAsync(IServer server, string pattern, int pageSize = 1_000) =>
        Task.Run(() => server.Keys(pattern: pattern, pageSize: pageSize).ToList());
}
