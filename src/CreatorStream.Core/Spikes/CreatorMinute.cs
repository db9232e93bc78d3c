namespace CreatorStream.Core.Spikes;

/// <summary>One creator's warm posts in one minute, summed: what was seen, what their baselines expected, and how much they vary.</summary>
internal sealed class CreatorMinute
{
    public string CampaignId { get; private set; } = "";

    public string CreatorId { get; private set; } = "";

    public long Observed { get; set; }

    public double Expected { get; set; }

    public double Variance { get; set; }

    /// <summary>Whether one of the creator's posts is in its own spike episode (then the post's alert speaks for it).</summary>
    public bool PostSpiking { get; set; }

    public string? TopContent { get; set; }

    public long TopCount { get; set; }

    public double StdDev => Math.Sqrt(Math.Max(Variance, 1));

    /// <summary>Makes this the empty minute of <paramref name="creatorId"/> (a detector reuses its minutes).</summary>
    public CreatorMinute Reset(string campaignId, string creatorId)
    {
        (CampaignId, CreatorId) = (campaignId, creatorId);
        (Observed, Expected, Variance, PostSpiking, TopContent, TopCount) = (0, 0, 0, false, null, 0);
        return this;
    }

    public bool Of(string campaignId, string creatorId) =>
        string.Equals(CampaignId, campaignId, StringComparison.Ordinal) && string.Equals(CreatorId, creatorId, StringComparison.Ordinal);

    public void Add(string contentId, long count, double expected, double stdDev)
    {
        Observed += count;
        Expected += expected;
        Variance += stdDev * stdDev;
        if (count > TopCount)
        {
            (TopContent, TopCount) = (contentId, count);
        }
    }
}
