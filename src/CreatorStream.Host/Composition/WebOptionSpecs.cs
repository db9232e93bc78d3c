using System.Globalization;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The options of the web role (the <c>web</c> and <c>run</c> verbs): where it listens and its guards (README
/// "Security"). Defaults are <see cref="WebOptions"/>'s; values are checked by <see cref="WebOptions.Validate"/>.
/// </summary>
public static class WebOptionSpecs
{
    private static readonly WebOptions Defaults = new();

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("urls", "where the dashboard and API listen", Defaults.Urls, ValueName: "URL"),
        new("allowed-origins", "browser origins besides this server's own that may call the API and hub, comma-separated", ValueName: "ORIGINS", WhenUnset: "none: same origin only"),
        new("max-request-body", "largest request body accepted (413 beyond)", Text(Defaults.MaxRequestBodyBytes), ValueName: "BYTES"),
        new("max-request-headers", "largest total of request headers accepted", Text(Defaults.MaxRequestHeadersBytes), ValueName: "BYTES"),
        new("max-hub-message", "largest message a hub client may send (the connection closes beyond)", Text(Defaults.MaxHubMessageBytes), ValueName: "BYTES"),
        new("rate-limit", "sustained requests per second per API key (or per address without a valid key), REST and hub (429 beyond)", Text(Defaults.RateLimitPerSecond), ValueName: "N"),
        new("rate-burst", "requests a caller may make at once before --rate-limit applies", Text(Defaults.RateLimitBurst), ValueName: "N"),
        new("hub-update-ms", "shortest time between two live updates of a campaign on the hub", Text((long)Defaults.HubUpdateInterval.TotalMilliseconds), ValueName: "MS"),
        new("outbox", "directory the creators' period summaries are written to, as text and HTML, for a mailer", ValueName: "DIR", WhenUnset: "none written"),
        new("hub-token-secret-file", "file holding the secret that signs hub tokens (a secret: never on the command line; share it between web roles behind one balancer)", ValueName: "FILE", WhenUnset: $"{Web.Tokens.HubTokenSecret.Variable}, else random per process"),
    ];

    /// <exception cref="UsageException">A value is not a whole number.</exception>
    /// <exception cref="Core.Configuration.ConfigurationException">A value is out of range or an origin is malformed.</exception>
    public static WebOptions Read(ParsedArgs args)
    {
        var options = new WebOptions
        {
            Urls = args.Required("urls"),
            AllowedOrigins = args.String("allowed-origins") is { } origins
                ? [.. origins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                : [],
            MaxRequestBodyBytes = args.Long("max-request-body"),
            MaxRequestHeadersBytes = args.Int("max-request-headers"),
            MaxHubMessageBytes = args.Long("max-hub-message"),
            RateLimitPerSecond = args.Int("rate-limit"),
            RateLimitBurst = args.Int("rate-burst"),
            HubUpdateInterval = TimeSpan.FromMilliseconds(args.Long("hub-update-ms")),
            HubTokenSecretFile = args.String("hub-token-secret-file"),
            Outbox = args.String("outbox"),
        };
        options.Validate();
        return options;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
