namespace CreatorStream.Redis;

/// <summary>How the worker and web roles reach Redis and how long state is kept. Immutable.</summary>
public sealed record RedisStoreOptions
{
    /// <summary>HOST:PORT of the Redis server, or comma-separated Redis Cluster nodes. Default 127.0.0.1:6379.</summary>
    public string Endpoint { get; init; } = "127.0.0.1:6379";

    /// <summary>Password (from the environment or a file, never the command line or the repo); null for none. Default null.</summary>
    public string? Password { get; init; }

    /// <summary>For logs: every setting but the password, of which only whether one is set shows.</summary>
    public override string ToString() =>
        $"{Endpoint} (prefix {KeyPrefix}, tls {(UseTls ? "on" : "off")}, password {(Password is null ? "none" : "set")})";

    /// <summary>Connect with TLS. Default false.</summary>
    public bool UseTls { get; init; }

    /// <summary>With <see cref="UseTls"/>: a PEM file of the CAs to trust instead of the system's. Default null (the system's).</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>Prefix of every key and channel. Default "cs".</summary>
    public string KeyPrefix { get; init; } = "cs";

    /// <summary>
    /// How long a reply may take before the client gives up on it (ms). Default 10,000: StackExchange.Redis 1.2 drops the
    /// connection when a reply is later than this, and a large batch's script can take a while (docs/design.md, "Environment").
    /// </summary>
    public int SyncTimeoutMs { get; init; } = 10_000;

    /// <summary>
    /// One-minute buckets kept behind a campaign's newest bucket. Default 25 h: the longest rolling view (24 h) plus the
    /// allowed lateness, as the memory store keeps.
    /// </summary>
    public TimeSpan BucketRetention { get; init; } = TimeSpan.FromHours(25);

    /// <summary>
    /// Time to live of a campaign's keys after its last change. Default 90 days: a finished campaign's figures stay
    /// for reporting, then go, so state stays bounded over many campaigns.
    /// </summary>
    public TimeSpan CampaignTtl { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Alerts kept per campaign (the most recent). Default 1,000, as the memory store.</summary>
    public int AlertsPerCampaign { get; init; } = 1_000;

    /// <summary>
    /// The number of brand partitions to place keys by, for a writer that knows it (replay into Redis); null to read the
    /// layout the workers recorded (the worker sets it from the brand topic). Default null.
    /// </summary>
    public int? BrandPartitions { get; init; }

    /// <summary>
    /// A task snapshot larger than this goes to Redis in parts of at most this many bytes, written before the commit that
    /// names them (<see cref="RedisKeys.SnapshotParts"/>), not in the commit as one value. Redis refuses any one value
    /// longer than its <c>proto-max-bulk-len</c> (512 MiB by default, 1 MiB at the least) and closes the connection, and
    /// one large value holds the server for as long as it takes to read. Default 1 MiB, the writer's largest chunk, which
    /// every server takes.
    /// </summary>
    public int SnapshotPartBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The longest a snapshot being written waits for a part to land in Redis (<see cref="RedisSnapshotSink"/>) before
    /// that snapshot fails, and its commit goes without it (the last one stands, counted). The client has no timeout of its
    /// own for a command sent asynchronously, and a Redis away for long must not hold a brand task. Default 30 s.
    /// </summary>
    public TimeSpan SnapshotPartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <see cref="SnapshotPartBytes"/> allowed: half of Redis's default longest value.</summary>
    public const int LongestSnapshotPart = 256 << 20;

    /// <summary>Longest wait between retries of a commit while Redis is unreachable. Default 5 s (starting at 100 ms, doubling).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);
}
