using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// What one cluster node ran and refused, from its own <c>INFO</c> (<c>CONFIG RESETSTAT</c> zeroes both): the proof
/// of where the client sent a command, since a client that followed a redirection gets the right answer anyway.
/// </summary>
public sealed record NodeStats(IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, long> Errors)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Calls of <paramref name="command"/> (lower case, e.g. <c>evalsha</c>), 0 if it never ran.</summary>
    public long CallsOf(string command) => Calls.GetValueOrDefault(command);

    /// <summary>Error replies starting with <paramref name="code"/> (e.g. <c>MOVED</c>), 0 if none.</summary>
    public long ErrorsOf(string code) => Errors.GetValueOrDefault(code);

    public static async Task ResetAsync(RedisCluster cluster)
    {
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal("+OK", await RedisProbe.AskAsync(node.Port, Patience, "CONFIG", "RESETSTAT"));
        }
    }

    public static async Task<NodeStats> ReadAsync(RedisServer node) =>
        new(await CountsAsync(node, "commandstats", "cmdstat_", "calls"), await CountsAsync(node, "errorstats", "errorstat_", "count"));

    // Lines such as "cmdstat_get:calls=3,usec=9,..." or "errorstat_MOVED:count=1".
    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(RedisServer node, string section, string prefix, string field)
    {
        var info = await RedisProbe.AskAsync(node.Port, Patience, "INFO", section) ?? "";
        return info.Split("\r\n")
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..].Split(':'))
            .ToDictionary(
                parts => parts[0],
                parts => long.Parse(parts[1].Split(',').Single(pair => pair.StartsWith(field + "=", StringComparison.Ordinal))[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
    }
}
