using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Collect;

/// <summary>The collector's settings (docs/design.md, "Collector"); <see cref="Validate"/> names the option that is wrong.</summary>
public sealed record CollectOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5180";

    /// <summary>Largest request body accepted: a batch of events or a webhook (413 beyond).</summary>
    public long MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>Most events in one batch (413 beyond).</summary>
    public int MaxEventsPerRequest { get; init; } = 500;

    /// <summary>Sustained requests per second per write key or store (429 beyond): a whole site's traffic shares one key.</summary>
    public int RateLimitPerSecond { get; init; } = 10_000;

    public int RateBurst { get; init; } = 20_000;

    /// <summary>A visit ends after this long without a beacon (web analytics' 30 minutes).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Most visits held open at once per brand; beyond it a new visit's beacons are not held (counted).</summary>
    public int MaxOpenSessions { get; init; } = 1_000_000;

    /// <summary>How many acknowledged event ids are remembered to answer retries, and for how long.</summary>
    public int AcceptedIdsCapacity { get; init; } = 1_000_000;

    public TimeSpan AcceptedIdsHorizon { get; init; } = TimeSpan.FromHours(24);

    public void Validate()
    {
        Check(Uri.TryCreate(Urls.Split(';')[0], UriKind.Absolute, out _), "collect-urls", $"'{Urls}' is not a URL");
        Check(MaxBodyBytes is >= 1_024 and <= 16 * 1024 * 1024, "collect-max-body", "must be from 1024 to 16777216 bytes");
        Check(MaxEventsPerRequest is >= 1 and <= 10_000, "collect-max-events", "must be from 1 to 10000");
        Check(RateLimitPerSecond >= 1 && RateBurst >= 1, "collect-rate-limit", "must be at least 1");
        Check(SessionIdle >= TimeSpan.FromSeconds(1) && SessionIdle <= TimeSpan.FromHours(24), "collect-session-idle-ms", "must be from 1000 to 86400000");
    }

    private static void Check(bool ok, string option, string problem)
    {
        if (!ok)
        {
            throw new ConfigurationException(option, problem);
        }
    }
}
