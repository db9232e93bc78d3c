using System.Diagnostics;
using System.Text.Json;
using CreatorStream.Core.Json;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Processing.Replay;

namespace CreatorStream.Host.Verbs;

/// <summary><c>creatorstream replay</c>: runs a JSON Lines file through the live pipeline and writes the report (docs/design.md, "Replay report").</summary>
public sealed class ReplayVerb(TextWriter output, TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "replay";

    public string Summary => "run a JSON Lines file of events through the pipeline and write the report";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("events", "JSON Lines file, one event per line with a 'type' field", ValueName: "FILE", IsRequired: true),
        new("campaigns", "campaign configuration (JSON)", ValueName: "FILE", IsRequired: true),
        new("out", "where to write the report; '-' for standard output", "-", ValueName: "FILE"),
        new("dead-letters", "also write rejected lines, with reasons, as JSON Lines", ValueName: "FILE", WhenUnset: "counted in the report, not written"),
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignFile.Load(args);
        var eventsPath = args.RequiredFile("events");

        var progress = new ProgressPrinter(error, clock, Name);
        var stopwatch = Stopwatch.StartNew();
        await using var input = File.OpenRead(eventsPath);
        var length = input.Length;
        var replayer = new Replayer(catalog, ProcessorOptionSpecs.Read(args), clock);
        var outcome = await replayer.RunAsync(
            input,
            new Progress<ReplayProgress>(p => progress.Report($"{p.Records:N0} records, {Percent(p.BytesRead, length)} of input")),
            cancellationToken);

        await WriteReportAsync(args.Required("out"), outcome, cancellationToken);
        if (args.String("dead-letters") is { } deadLettersPath)
        {
            await DeadLetterFile.WriteAsync(deadLettersPath, outcome.DeadLetters, cancellationToken);
        }

        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3);
        progress.Report(
            $"done: {outcome.Records:N0} records in {seconds:F1} s ({outcome.Records / seconds:N0}/s), " +
            $"{outcome.Report.DeadLetters:N0} dead letters, {outcome.Report.Duplicates:N0} duplicates, {outcome.Report.Late:N0} late",
            force: true);
        return ExitCodes.Success;
    }

    private async Task WriteReportAsync(string path, ReplayOutcome outcome, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(outcome.Report, CoreJsonContext.Default.ReplayReport);
        if (path == "-")
        {
            await output.WriteLineAsync(json);
            return;
        }

        await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
    }

    private static string Percent(long part, long whole) => whole == 0 ? "100%" : $"{100.0 * part / whole:F0}%";
}
