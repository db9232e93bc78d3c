using System.Globalization;
using CreatorStream.Host.Cli;

namespace CreatorStream.Host.Collect;

/// <summary>The collector's command-line options (<c>collect</c>, and <c>run --site-keys</c>); defaults are <see cref="CollectOptions"/>'s.</summary>
public static class CollectOptionSpecs
{
    private static readonly CollectOptions Defaults = new();

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("site-keys", "sites' write keys (by SHA-256), their brands and origins, and stores' webhook secrets (JSON; docs/operations.md)", ValueName: "FILE", WhenUnset: "none: no collector"),
        new("collect-urls", "where the collector listens", Defaults.Urls, ValueName: "URL"),
        new("collect-max-body", "largest request body the collector accepts (413 beyond)", Text(Defaults.MaxBodyBytes), ValueName: "BYTES"),
        new("collect-max-events", "most events in one request (413 beyond)", Text(Defaults.MaxEventsPerRequest), ValueName: "N"),
        new("collect-rate-limit", "sustained requests per second per write key or store (429 beyond)", Text(Defaults.RateLimitPerSecond), ValueName: "N"),
        new("collect-rate-burst", "requests a key may make at once before --collect-rate-limit applies", Text(Defaults.RateBurst), ValueName: "N"),
        new("collect-session-idle-ms", "a visit ends, and is written as a site session, after this long without a beacon", Text((long)Defaults.SessionIdle.TotalMilliseconds), ValueName: "MS"),
    ];

    /// <summary>The options given (every one has a default: <see cref="ParsedArgs"/> fills it in), range-checked.</summary>
    public static CollectOptions Read(ParsedArgs args) => new()
    {
        Urls = args.Required("collect-urls"),
        MaxBodyBytes = args.Long("collect-max-body", 1_024, 16 * 1024 * 1024),
        MaxEventsPerRequest = args.Int("collect-max-events", 1, 10_000),
        RateLimitPerSecond = args.Int("collect-rate-limit", 1, 1_000_000),
        RateBurst = args.Int("collect-rate-burst", 1, 1_000_000),
        SessionIdle = TimeSpan.FromMilliseconds(args.Long("collect-session-idle-ms", 1_000, 86_400_000)),
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
