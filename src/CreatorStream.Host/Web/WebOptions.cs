using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// Where the web role listens, what it serves and how it guards itself (README "Security"). Immutable.
/// <see cref="Validate"/> runs when the web role is composed, so a bad value stops start-up.
/// </summary>
public sealed record WebOptions
{
    /// <summary>Listen addresses. Default <c>http://127.0.0.1:5080</c>: loopback only unless asked otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The built dashboard; default: <c>wwwroot</c> beside the executable.</summary>
    public string WebRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) besides the web role's own that may call the API and the hub.
    /// Default none: no CORS headers at all and a foreign <c>Origin</c> is refused, so only the dashboard served
    /// here (same origin) and non-browser clients (no <c>Origin</c>) get in.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// Largest request body in bytes. Default 64 KiB: the API takes no bodies and the hub's fallback transports send
    /// only Join/Leave, so anything bigger is not ours.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Largest total of request headers in bytes. Default 32 KiB (Kestrel's own): keys and tokens are short. At least 8 KiB, Kestrel's request line limit.</summary>
    public int MaxRequestHeadersBytes { get; init; } = 32 * 1024;

    /// <summary>Largest hub message a client may send, in bytes. Default 32 KiB: clients send only Join and Leave.</summary>
    public long MaxHubMessageBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// Sustained requests per second per caller (per known API key, else per remote address) on REST, hub
    /// negotiate/connect and hub calls. Default 20: an open dashboard makes about one a second (content every 3 s,
    /// attribution and recommendations every 5 s, authenticity every 5 s), so a team of tabs on one key fits.
    /// </summary>
    public int RateLimitPerSecond { get; init; } = 20;

    /// <summary>
    /// Requests a caller may make at once before the sustained rate applies. Default 100: a dashboard load is about
    /// nine requests (campaigns, summary, alerts, attribution, recommendations, content, authenticity, negotiate,
    /// connect), so ten tabs may open together.
    /// </summary>
    public int RateLimitBurst { get; init; } = 100;

    /// <summary>
    /// The shortest time between two live updates of one campaign on the hub. Default 1 s: a person reads no faster,
    /// and each update costs every open tab its changed figures (docs/benchmarks.md, "the dashboard's weight"); the
    /// bench sets 250 ms to measure latency finely. Between 50 ms and 60 s.
    /// </summary>
    public TimeSpan HubUpdateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the hub judges each watched campaign's alerts judged when read (<see cref="JudgedAlerts"/>) and pushes what
    /// changed. One minute: they rest on hourly series and figures to date, and each round reads a campaign's series.
    /// Tests shorten it.
    /// </summary>
    internal TimeSpan JudgedAlertInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A file holding the secret that signs hub tokens, for several web roles behind one balancer; default none:
    /// <see cref="Tokens.HubTokenSecret.Variable"/>, else a random secret of this process (README "Security").
    /// </summary>
    public string? HubTokenSecretFile { get; init; }

    /// <summary>
    /// Where creators' period summaries are written for a mailer (docs/design.md, "Creator summaries"); null: none are
    /// written (they can still be read over REST).
    /// </summary>
    public string? Outbox { get; init; }

    /// <summary>How often the outbox is brought up to date: a minute (tests shorten it).</summary>
    internal TimeSpan SummaryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The period over which <see cref="RateLimitPerSecond"/> tokens come back to a caller (gradually: the limiter adds them
    /// in proportion to the time passed). One second; tests stretch it to an hour, so that no token returns while they
    /// count refusals (stretching it once multiplied the tokens too, so they still came back at one a second).
    /// </summary>
    internal TimeSpan RateLimitReplenishment { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every limit; the message names the option (as the CLI spells it) and the value.</summary>
    /// <exception cref="ConfigurationException">A value is out of range or an origin is not <c>scheme://host[:port]</c>.</exception>
    public void Validate()
    {
        Require(MaxRequestBodyBytes is >= 1024 and <= 1024L * 1024 * 1024, "max-request-body", MaxRequestBodyBytes, "between 1024 and 1073741824 bytes");
        Require(MaxRequestHeadersBytes is >= 8192 and <= 1024 * 1024, "max-request-headers", MaxRequestHeadersBytes, "between 8192 and 1048576 bytes");
        Require(MaxHubMessageBytes is >= 1024 and <= 16L * 1024 * 1024, "max-hub-message", MaxHubMessageBytes, "between 1024 and 16777216 bytes");
        Require(RateLimitPerSecond is >= 1 and <= 1_000_000, "rate-limit", RateLimitPerSecond, "between 1 and 1000000 requests per second");
        Require(RateLimitBurst is >= 1 and <= 1_000_000, "rate-burst", RateLimitBurst, "between 1 and 1000000 requests");
        Require(HubUpdateInterval >= TimeSpan.FromMilliseconds(50) && HubUpdateInterval <= TimeSpan.FromSeconds(60), "hub-update-ms", (long)HubUpdateInterval.TotalMilliseconds, "between 50 and 60000 ms");
        Require(SummaryInterval > TimeSpan.Zero, "summary-interval", SummaryInterval, "a positive period");
        Require(JudgedAlertInterval > TimeSpan.Zero, "judged-alert-interval", JudgedAlertInterval, "a positive period");
        Require(RateLimitReplenishment > TimeSpan.Zero, "rate-limit", RateLimitReplenishment, "replenished over a positive period");
        foreach (var origin in AllowedOrigins)
        {
            _ = Security.AllowedOrigin.Parse(origin);
        }

        if (Outbox is not null)
        {
            CheckWritable(Outbox);
        }
    }

    /// <summary>The outbox is made if missing and must take a file: a web role that could never write its summaries does not start.</summary>
    private static void CheckWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException("--outbox", $"'{directory}' cannot be written to: {e.Message}");
        }
    }

    private static void Require(bool holds, string option, object value, string rule)
    {
        if (!holds)
        {
            throw new ConfigurationException("--" + option, $"{value} is not {rule}");
        }
    }
}
