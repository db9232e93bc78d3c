using CreatorStream.Host.Cli;
using CreatorStream.Kafka;

namespace CreatorStream.Host.Composition;

/// <summary>
/// How the verbs that talk to a real Kafka (worker, produce, generate, bench) reach it, secured clusters included.
/// The SASL password is a secret: it comes only from the environment (<see cref="SaslPasswordVariable"/>) or a file,
/// never from the command line, where other users of the machine could read it in the process list.
/// </summary>
public static class KafkaOptionSpecs
{
    public const string SaslPasswordVariable = "CREATORSTREAM_KAFKA_SASL_PASSWORD";

    private static readonly string[] Protocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"];

    // GSSAPI and OAUTHBEARER need a Kerberos or token set-up beyond a user name and password: pass them with --kafka-config.
    private static readonly string[] Mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];

    /// <summary>The security options, for verbs whose <c>--kafka</c> option names the cluster.</summary>
    public static IReadOnlyList<OptionSpec> Security { get; } =
    [
        new("kafka-security-protocol", "how to talk to the brokers: " + string.Join('|', Protocols), "plaintext", ValueName: "PROTOCOL"),
        new("kafka-sasl-mechanism", "SASL mechanism with sasl_*: " + string.Join('|', Mechanisms), "PLAIN", ValueName: "MECHANISM"),
        new("kafka-sasl-username", "SASL user name (required with sasl_*)", ValueName: "NAME", WhenUnset: "none"),
        new("kafka-sasl-password-file", "file holding the SASL password", ValueName: "FILE", WhenUnset: $"{SaslPasswordVariable}"),
        new("kafka-ssl-ca", "PEM file of the CAs to trust with ssl and sasl_ssl", ValueName: "FILE", WhenUnset: "the system's CAs"),
        new("kafka-config", "librdkafka properties (name=value lines), applied last, for any other client setting", ValueName: "FILE", WhenUnset: "none"),
    ];

    /// <summary>
    /// How long start-up waits for a broker to answer before it gives up (exit code 3): long enough for a broker
    /// that is still starting, short enough that a wrong address or refused credentials show at once.
    /// </summary>
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The settings for <c>--kafka</c> (or <paramref name="bootstrapServers"/>), checked, with a broker known to answer.</summary>
    /// <exception cref="KafkaUnreachableException">no broker answered within <see cref="ReachTimeout"/>.</exception>
    public static KafkaClientSettings Connect(ParsedArgs args, string? bootstrapServers = null)
    {
        var settings = Read(args, bootstrapServers ?? args.Required("kafka"));
        settings.EnsureReachable(ReachTimeout);
        return settings;
    }

    /// <summary>
    /// The client properties for the embedded broker (a bench without <c>--kafka</c>): <c>--kafka-config</c>'s, checked,
    /// so that given they are used, never dropped. The security options need <c>--kafka</c>, since the embedded broker
    /// speaks plaintext only.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForEmbedded(ParsedArgs args)
    {
        if (args.String("kafka-security-protocol") is { } protocol && protocol != "plaintext")
        {
            throw new UsageException("option --kafka-security-protocol needs --kafka: the embedded broker speaks plaintext only");
        }

        foreach (var option in SecurityOnly)
        {
            if (args.String(option) is not null)
            {
                throw new UsageException($"option --{option} needs --kafka: the embedded broker speaks plaintext only");
            }
        }

        return Read(args, "127.0.0.1:9092").Extra; // checked against a stand-in address: the broker starts later
    }

    // Options without a default: given at all, they ask for a secured cluster (the mechanism's default means nothing without sasl_*).
    private static readonly string[] SecurityOnly = ["kafka-sasl-username", "kafka-sasl-password-file", "kafka-ssl-ca"];

    /// <summary>The settings for <c>--kafka</c>, with the security options applied and checked.</summary>
    public static KafkaClientSettings Read(ParsedArgs args) => Read(args, args.Required("kafka"));

    /// <summary>The settings for <paramref name="bootstrapServers"/>, with the security options applied and checked.</summary>
    public static KafkaClientSettings Read(ParsedArgs args, string bootstrapServers)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        var protocol = args.String("kafka-security-protocol") ?? "plaintext";
        if (!Protocols.Contains(protocol))
        {
            throw new UsageException($"option --kafka-security-protocol: '{protocol}' is not one of {string.Join('|', Protocols)}");
        }

        extra["security.protocol"] = protocol;
        if (protocol.StartsWith("sasl_", StringComparison.Ordinal))
        {
            AddSasl(args, extra);
        }
        else if (args.String("kafka-sasl-username") is not null)
        {
            throw new UsageException($"option --kafka-sasl-username needs --kafka-security-protocol sasl_plaintext or sasl_ssl (it is {protocol})");
        }

        if (args.ExistingFile("kafka-ssl-ca") is { } ca)
        {
            extra["ssl.ca.location"] = ca;
        }

        if (args.ExistingFile("kafka-config") is { } path)
        {
            foreach (var (name, value) in KafkaPropertiesFile.Read(path))
            {
                extra[name] = value;
            }
        }

        var settings = new KafkaClientSettings(bootstrapServers) { Extra = extra };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"Kafka client settings refused by librdkafka: {e.InnerException?.Message ?? e.Message}");
        }

        return settings;
    }

    private static void AddSasl(ParsedArgs args, Dictionary<string, string> extra)
    {
        var mechanism = args.String("kafka-sasl-mechanism") ?? "PLAIN";
        if (!Mechanisms.Contains(mechanism))
        {
            throw new UsageException($"option --kafka-sasl-mechanism: '{mechanism}' is not one of {string.Join('|', Mechanisms)}");
        }

        if (args.String("kafka-sasl-username") is not { Length: > 0 } user)
        {
            throw new UsageException("option --kafka-sasl-username is required with a sasl_* security protocol");
        }

        extra["sasl.mechanism"] = mechanism;
        extra["sasl.username"] = user;
        extra["sasl.password"] = args.Secret("kafka-sasl-password-file", SaslPasswordVariable)
            ?? throw new UsageException($"a SASL password is required: set {SaslPasswordVariable} or give --kafka-sasl-password-file");
    }
}
