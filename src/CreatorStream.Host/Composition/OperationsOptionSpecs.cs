using CreatorStream.Host.Cli;

namespace CreatorStream.Host.Composition;

/// <summary>The operability options: log format, the worker's operations listener, readiness lag limit, shutdown bound.</summary>
public static class OperationsOptionSpecs
{
    public static OptionSpec LogFormat { get; } = new("log-format", "log entries as text lines or JSON objects (with campaign and partition fields)", "text", ValueName: "text|json");

    public static OptionSpec OpsUrls { get; } = new("ops-urls", "where /metrics, /health/live and /health/ready listen ('none': nowhere)", "http://127.0.0.1:9464", ValueName: "URL");

    // 100,000 records: about a minute and a half behind at the 1,000 events/s of the recovery scenarios; a worker this far
    // behind shows stale figures, so a balancer should prefer another.
    public static OptionSpec ReadyMaxLag { get; } = new("ready-max-lag", "consumer lag (records not yet committed; on the brand topic, frames of many records, and a slow brand stage shows as ingest lag since the source stage holds back) above which /health/ready answers 503", "100000", ValueName: "N");

    public static OptionSpec ShutdownTimeout { get; } = new("shutdown-timeout-ms", "longest a stop waits for the batches in flight to commit before giving up (exit code 1)", "30000", ValueName: "MS");

    public static LogFormat ReadLogFormat(ParsedArgs args) => args.Required("log-format") switch
    {
        "text" => Composition.LogFormat.Text,
        "json" => Composition.LogFormat.Json,
        var other => throw new UsageException($"option --log-format: '{other}' is not text or json"),
    };

    public static TimeSpan ReadShutdownTimeout(ParsedArgs args) => TimeSpan.FromMilliseconds(args.Long("shutdown-timeout-ms", 100, 3_600_000));

    public static long ReadMaxLag(ParsedArgs args) => args.Long("ready-max-lag", 0, long.MaxValue);
}
