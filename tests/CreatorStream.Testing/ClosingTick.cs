using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Testing;

/// <summary>
/// One last event <see cref="GapMs"/> after generated traffic: once the partitions go quiet, the live watermark passes
/// every event by more than the judge lag, so every event is judged and every window closes, as the end of input does in
/// replay, and a live run's store can be compared with the replay report.
/// </summary>
public static class ClosingTick
{
    /// <summary>A minute past the classifier's judge lag (and the watermark's delay): the last minute closes, judged.</summary>
    public static long GapMs { get; } = 60_000 + Core.Authenticity.AuthenticityOptions.Default.JudgeLagMs + 30_000;

    public static Impression After(IEnumerable<GeneratedRecord> records, CampaignCatalog catalog)
    {
        var campaign = catalog.Campaigns[0];
        return new Impression
        {
            EventId = "tick",
            Ts = records.Where(r => r.Event is not null).Max(r => r.Event!.Ts) + GapMs,
            UserId = "tick-user",
            CampaignId = campaign.CampaignId,
            CreatorId = campaign.Creators[0].CreatorId,
            Platform = Platform.Instagram,
            ContentId = "tick-post",
            ContentFormat = ContentFormat.Post,
        };
    }
}
