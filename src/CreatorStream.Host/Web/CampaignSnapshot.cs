namespace CreatorStream.Host.Web;

/// <summary>What the dashboard shows of one campaign over one window; sent on join, on change, and by the summary endpoint. Immutable.</summary>
public sealed record CampaignSnapshot
{
    public string CampaignId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Currency { get; init; } = "";
    public string Window { get; init; } = "";

    /// <summary>When this snapshot was read from the store (ms); clients drop snapshots older than the one shown.</summary>
    public long GeneratedAt { get; init; }

    /// <summary>The event-time watermark (ms): every one-minute bucket before it is complete.</summary>
    public long? Watermark { get; init; }

    /// <summary>The campaign's reporting model.</summary>
    public string ReportingModel { get; init; } = "";

    /// <summary>The model behind conversions, revenue, cost, returns and the goal here: the one asked for, else the reporting model.</summary>
    public string Model { get; init; } = "";

    public Core.Recommendations.GoalProgress? Goal { get; init; }

    public SnapshotFigures Totals { get; init; } = new();
    public IReadOnlyList<SnapshotFigures> Creators { get; init; } = [];

    /// <summary>The campaign per platform (reach deduplicated within each platform).</summary>
    public IReadOnlyList<SnapshotFigures> Platforms { get; init; } = [];

    /// <summary>Each creator on each platform they posted on (for a leaderboard filtered by platform).</summary>
    public IReadOnlyList<SnapshotFigures> CreatorPlatforms { get; init; } = [];

    /// <summary>The campaign's last <see cref="SnapshotService.SeriesMinutes"/> one-minute buckets (event time), oldest first; corrections marked.</summary>
    public IReadOnlyList<SeriesPoint> Series { get; init; } = [];

    /// <summary>The most recent alerts, newest first (so a page opened late still shows them).</summary>
    public IReadOnlyList<AlertView> Alerts { get; init; } = [];
}
