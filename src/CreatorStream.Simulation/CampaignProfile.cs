using CreatorStream.Core.Configuration;

namespace CreatorStream.Simulation;

/// <summary>A campaign as the simulation sees it: its configuration, its audience pool and what a typical order is worth.</summary>
internal sealed class CampaignProfile(CampaignConfig config, long userPoolStart, int userPoolSize, double averageOrder)
{
    public CampaignConfig Config { get; } = config;

    public string CampaignId => Config.CampaignId;

    /// <summary>First user index of the campaign's audience pool.</summary>
    public long UserPoolStart { get; } = userPoolStart;

    public int UserPoolSize { get; } = userPoolSize;

    /// <summary>Median purchase value, in the campaign currency.</summary>
    public double AverageOrder { get; } = averageOrder;
}
