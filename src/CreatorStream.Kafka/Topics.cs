namespace CreatorStream.Kafka;

/// <summary>The project's Kafka topic names (docs/design.md, "Events"). Ingest topics are keyed by <c>user_id</c>.</summary>
public static class Topics
{
    public const string Impressions = "creatorstream.impressions";
    public const string Engagements = "creatorstream.engagements";
    public const string Clicks = "creatorstream.clicks";
    public const string Conversions = "creatorstream.conversions";
    public const string LeadUpdates = "creatorstream.lead-updates";
    public const string Sessions = "creatorstream.sessions";
    public const string Posts = "creatorstream.posts";

    /// <summary>Platforms' insight exports per post and day (<c>import-insights</c>), as aggregate facts.</summary>
    public const string Insights = "creatorstream.insights";
    public const string Alerts = "creatorstream.alerts";
    public const string Metrics = "creatorstream.metrics";
    public const string DeadLetters = "creatorstream.dead-letters";
    public const string Campaigns = "creatorstream.campaigns";

    /// <summary>
    /// Internal: events routed by brand between the two stages, with the sources' watermark marks (docs/design.md,
    /// "Dataflow"). Its partition count is the number of brand tasks, and fixes where each brand's state lives.
    /// </summary>
    public const string ByBrand = Core.State.TaskNames.BrandTopic;

    /// <summary>The ingest topics, in <see cref="Core.Events.EventType"/> order.</summary>
    public static IReadOnlyList<string> Ingest { get; } = [Impressions, Engagements, Clicks, Conversions, LeadUpdates, Sessions, Posts, Insights];

    /// <summary>Every topic the service reads or writes.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Ingest, ByBrand, Alerts, Metrics, DeadLetters, Campaigns];
}
