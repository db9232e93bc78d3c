using CreatorStream.Host.Cli;
using CreatorStream.Redis;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The Redis options of the worker, web, report and run verbs. The password is a secret: it comes only from the
/// environment (<see cref="PasswordVariable"/>) or a file, never from the command line, where other users could see it.
/// </summary>
public static class RedisOptionSpecs
{
    public const string PasswordVariable = "CREATORSTREAM_REDIS_PASSWORD";

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("redis", "Redis server holding the state, or Redis Cluster nodes (any one is enough; the rest are discovered)", ValueName: "HOST:PORT[,HOST:PORT…]", WhenUnset: "required by worker, web and report; run keeps its state in memory"),
        new("redis-prefix", "prefix of every key (one deployment per prefix)", "cs", ValueName: "PREFIX"),
        new("redis-password-file", "file holding the Redis password", ValueName: "FILE", WhenUnset: $"{PasswordVariable}, else no password"),
        new("redis-tls", "connect to Redis with TLS", IsFlag: true),
        new("redis-tls-ca", "with --redis-tls: PEM file of the CAs to trust", ValueName: "FILE", WhenUnset: "the system's CAs"),
        new("redis-snapshot-part-bytes", "a task snapshot larger than this is written to Redis in parts of this size before the commit that names it; at most the server's proto-max-bulk-len", "1048576", ValueName: "BYTES"),
    ];

    /// <summary>The options, or null when <c>--redis</c> is not given.</summary>
    public static RedisStoreOptions? Read(ParsedArgs args)
    {
        if (args.String("redis") is not { } endpoint)
        {
            return null;
        }

        foreach (var node in endpoint.Split(','))
        {
            var colon = node.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(node.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"option --redis: '{node}' is not HOST:PORT");
            }
        }

        var prefix = args.Required("redis-prefix");
        if (prefix.Length == 0 || prefix.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            throw new UsageException($"option --redis-prefix: '{prefix}' must be non-empty, without spaces or ':'");
        }

        return new RedisStoreOptions
        {
            Endpoint = endpoint,
            KeyPrefix = prefix,
            Password = args.Secret("redis-password-file", PasswordVariable),
            UseTls = args.Flag("redis-tls"),
            TlsCaFile = TlsCa(args),
            SnapshotPartBytes = (int)args.Long("redis-snapshot-part-bytes", 1_024, RedisStoreOptions.LongestSnapshotPart),
        };
    }

    private static string? TlsCa(ParsedArgs args)
    {
        if (args.String("redis-tls-ca") is not { } path)
        {
            return null;
        }

        if (!args.Flag("redis-tls"))
        {
            throw new UsageException("option --redis-tls-ca goes with --redis-tls");
        }

        return args.ExistingFile("redis-tls-ca");
    }

}
