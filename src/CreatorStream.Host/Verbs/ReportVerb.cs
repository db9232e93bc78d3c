using System.Text.Json;
using CreatorStream.Core.Json;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Processing.State;
using CreatorStream.Redis;

namespace CreatorStream.Host.Verbs;

/// <summary><c>creatorstream report</c>: the replay report (docs/design.md, "Replay report") from the state in Redis.</summary>
public sealed class ReportVerb(TextWriter output, TextWriter error) : IVerb
{
    public string Name => "report";

    public string Summary => "write the replay report from the state in Redis";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("campaigns", "campaign configuration (JSON)", ValueName: "FILE", IsRequired: true),
        new("out", "where to write the report; '-' for standard output", "-", ValueName: "FILE"),
        .. RedisOptionSpecs.All,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignFile.Load(args);
        var redisOptions = RedisOptionSpecs.Read(args) ?? throw new UsageException("option --redis is required");
        using var loggers = Logging.Console();
        using var redis = await RedisConnections.ConnectAsync(redisOptions, loggers.CreateLogger<ReportVerb>());
        var store = new RedisStateStore(redis, redisOptions, catalog, loggers.CreateLogger<RedisStateStore>());
        var report = await StoredReport.ReadAsync(store, catalog, cancellationToken);
        var json = JsonSerializer.Serialize(report, CoreJsonContext.Default.ReplayReport);
        var path = args.Required("out");
        if (path == "-")
        {
            await output.WriteLineAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
            await error.WriteLineAsync($"report: {report.Campaigns.Count} campaigns, {report.DeadLetters:N0} dead letters, written to {path}");
        }

        return ExitCodes.Success;
    }
}
