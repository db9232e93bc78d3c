using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka.Producing;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream import-insights</c>: a platform's insights export (per post and day) published to
/// <c>creatorstream.insights</c> as aggregate facts with their source (docs/design.md, "Collector"). Every row is
/// checked first; a file with a bad row is refused whole, each bad row named.
/// </summary>
public sealed class ImportInsightsVerb(TextWriter error, TimeProvider clock) : IVerb
{
    public string Name => "import-insights";

    public string Summary => "publish a platform's insights export (per post and day) as the platform-reported figures of its posts";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("kafka", "bootstrap servers, e.g. 127.0.0.1:9092", ValueName: "BOOTSTRAP", IsRequired: true),
        new("campaigns", "campaign configuration (JSON): rows must name its campaigns and creators", ValueName: "FILE", IsRequired: true),
        new("file", "the export: CSV with a header row, or JSON (.json: an array of rows or {\"data\":[…]})", ValueName: "FILE", IsRequired: true),
        new("source", "where the figures come from, shown with them (e.g. instagram_insights_export)", ValueName: "NAME", IsRequired: true),
        new("campaign", "the campaign of rows without a campaign_id column", ValueName: "ID", WhenUnset: "each row's"),
        new("creator", "the creator of rows without a creator_id column (a creator's export of their own posts)", ValueName: "ID", WhenUnset: "each row's"),
        new("platform", "the platform of rows without a platform column", ValueName: "NAME", WhenUnset: "each row's"),
        .. KafkaOptionSpecs.Security,
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var catalog = CampaignFile.Load(args);
        var path = args.RequiredFile("file");
        var defaults = new InsightDefaults(args.Required("source"), args.String("campaign"), args.String("creator"), args.String("platform"));
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        IReadOnlyList<Core.Events.Insight> insights;
        IReadOnlyList<string> problems;
        try
        {
            (insights, problems) = new InsightFile(catalog, new EventDecoder()).Read(text, json, defaults, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new UsageException($"option --file: '{path}' cannot be read as {(json ? "JSON" : "CSV")}: {e.Message}");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems.Take(50))
            {
                await error.WriteLineAsync($"import-insights: {path}, {problem}");
            }

            await error.WriteLineAsync($"import-insights: {problems.Count} bad rows of {problems.Count + insights.Count}; nothing was published (fix them and import the file again)");
            return ExitCodes.Usage;
        }

        var kafka = KafkaOptionSpecs.Connect(args);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-import-insights")).Build();
        using var publisher = new EventPublisher(producer);
        foreach (var insight in insights)
        {
            publisher.Publish(insight.Type, insight.UserId, EventWriter.ToUtf8(insight, includeType: false));
        }

        if (!publisher.Flush(TimeSpan.FromSeconds(60)) || publisher.Failed > 0)
        {
            await error.WriteLineAsync($"import-insights: not every row was delivered ({publisher.LastError ?? "timed out"}); import the file again (rows already delivered count once)");
            return ExitCodes.Failure;
        }

        await error.WriteLineAsync($"import-insights: {insights.Count:N0} rows of {insights.Select(i => (i.CampaignId, i.ContentId)).Distinct().Count():N0} posts published from {path} (source {defaults.Source})");
        return ExitCodes.Success;
    }
}
