namespace CreatorStream.Core.Spikes;

/// <summary>
/// A spike alert as raised, kept while a revision may still reach its window: where and when it was, what it counted, and
/// how much of that has since been revised as inauthentic (docs/design.md, "Spikes", retraction). Mutable; not thread-safe.
/// </summary>
internal sealed class RaisedSpike(string campaignId, string creatorId, string? contentId, bool creatorScope, long windowStart, long windowEnd, long observed, double expected, double stdDev, long detectedAtMs)
{
    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    /// <summary>The post the alert names (for a creator spike, its top post, or none).</summary>
    public string? ContentId { get; } = contentId;

    /// <summary>Whether the spike was judged on the creator's posts together (any of them counts), not on one post.</summary>
    public bool CreatorScope { get; } = creatorScope;

    public long WindowStart { get; } = windowStart;

    public long WindowEnd { get; } = windowEnd;

    public long Observed { get; } = observed;

    public double Expected { get; } = expected;

    public double StdDev { get; } = stdDev;

    public long DetectedAtMs { get; } = detectedAtMs;

    /// <summary>Engagements of its window revised as inauthentic since it was raised.</summary>
    public long Revised { get; set; }

    public bool Retracted { get; set; }

    /// <summary>Whether an engagement of this post and minute was counted in the spike.</summary>
    public bool Covers(string campaignId, string creatorId, string contentId, long ts) =>
        ts >= WindowStart && ts < WindowEnd && CampaignId == campaignId && CreatorId == creatorId && (CreatorScope || ContentId == contentId);

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(CampaignId);
        writer.Write(CreatorId);
        writer.Write(ContentId);
        writer.Write(CreatorScope);
        writer.Write(WindowStart);
        writer.Write(WindowEnd);
        writer.Write(Observed);
        writer.Write(Expected);
        writer.Write(StdDev);
        writer.Write(DetectedAtMs);
        writer.Write(Revised);
        writer.Write(Retracted);
    }

    public static RaisedSpike Load(Snapshots.SnapshotReader reader)
    {
        // Arguments are evaluated left to right: the fields are read in the order Save wrote them.
        var spike = new RaisedSpike(
            reader.String(), reader.String(), reader.NullableString(), reader.Bool(), reader.Long(), reader.Long(), reader.Long(), reader.Double(), reader.Double(), reader.Long());
        spike.Revised = reader.Long();
        spike.Retracted = reader.Bool();
        return spike;
    }
}
