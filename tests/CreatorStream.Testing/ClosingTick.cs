using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Simulation;

namespace CreatorStream.Testing;

/// <summary>
/// One last event a minute after generated traffic: once the partitions go quiet, the live watermark passes every
/// event, as the end of input does in replay, so a live run's store can be compared with the replay report.
/// </summary>
public static class ClosingTick
{
    public static Impression After(IEnumerable<GeneratedRecord> records, CampaignCatalog catalog)
    {
        var campaign = catalog.Campaigns[0];
        return new Impression
        {
            EventId = "tick",
            Ts = records.Where(r => r.Event is not null).Max(r => r.Event!.Ts) + 60_000,
            UserId = "tick-user",
            CampaignId = campaign.CampaignId,
            CreatorId = campaign.Creators[0].CreatorId,
            Platform = Platform.Instagram,
            ContentId = "tick-post",
            ContentFormat = ContentFormat.Post,
        };
    }
}
