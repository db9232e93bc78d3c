using System.Globalization;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using StackExchange.Redis;
using Aggregate = CreatorStream.Core.Metrics.Aggregate;
using F = CreatorStream.Redis.CommitCommand.Fields;

namespace CreatorStream.Redis;

/// <summary>Reads an aggregate back from its fields in a campaign hash (the inverse of <see cref="CommitCommand"/>).</summary>
internal static class AggregateFields
{
    public static IReadOnlyList<string> All { get; } =
        [F.Impressions, F.Likes, F.Comments, F.Shares, F.Saves, F.Authentic, F.Inauthentic, F.Clicks, F.Conversions, F.Visits, F.DwellClicks, F.DwellMs, F.PagedClicks, F.Pages, F.Bounces, F.FunnelReached, F.FunnelEngaged, F.FunnelClicked, F.FunnelConverted, F.ClickEngagedMs, F.SiteSessions, F.SessionMs, F.SessionPages, F.SessionBounces, F.SessionEngagedMs, F.FunnelLanded, F.InauthenticClicks, F.CommentsPositive, F.CommentsNeutral, F.CommentsNegative, F.CommentsMeaningful, F.BrandMentions, F.First, F.Last, F.Updated, F.Format, F.Corrected];

    /// <summary>The counting fields: what a period of a long series keeps (docs/redis-keys.md).</summary>
    public static IReadOnlyList<string> Counting { get; } = [.. All.Where(f => f is not (F.First or F.Last or F.Updated or F.Format or F.Corrected))];

    public static Aggregate Restore(Dictionary<string, RedisValue> fields, HyperLogLog reach)
    {
        var counters = CountersOf(fields);
        ContentFormat? format = fields.TryGetValue(F.Format, out var wire) && WireNames.TryParse(System.Text.Encoding.UTF8.GetBytes((string)wire!), out ContentFormat parsed)
            ? parsed
            : null;
        return Aggregate.Restore(counters, reach, Optional(fields, F.First), Optional(fields, F.Last), Optional(fields, F.Updated), Optional(fields, F.Corrected), format);
    }

    public static Counters CountersOf(Dictionary<string, RedisValue> fields) =>
        new()
        {
            Impressions = Long(fields, F.Impressions),
            Likes = Long(fields, F.Likes),
            Comments = Long(fields, F.Comments),
            Shares = Long(fields, F.Shares),
            Saves = Long(fields, F.Saves),
            AuthenticEngagements = Long(fields, F.Authentic),
            InauthenticEngagements = Long(fields, F.Inauthentic),
            Clicks = Long(fields, F.Clicks),
            Conversions = Long(fields, F.Conversions),
            Visits = Long(fields, F.Visits),
            DwellClicks = Long(fields, F.DwellClicks),
            DwellMs = Long(fields, F.DwellMs),
            PagedClicks = Long(fields, F.PagedClicks),
            Pages = Long(fields, F.Pages),
            Bounces = Long(fields, F.Bounces),
            FunnelReached = Long(fields, F.FunnelReached),
            FunnelEngaged = Long(fields, F.FunnelEngaged),
            FunnelClicked = Long(fields, F.FunnelClicked),
            FunnelConverted = Long(fields, F.FunnelConverted),
            ClickEngagedMs = Long(fields, F.ClickEngagedMs),
            SiteSessions = Long(fields, F.SiteSessions),
            SessionMs = Long(fields, F.SessionMs),
            SessionPages = Long(fields, F.SessionPages),
            SessionBounces = Long(fields, F.SessionBounces),
            SessionEngagedMs = Long(fields, F.SessionEngagedMs),
            FunnelLanded = Long(fields, F.FunnelLanded),
            InauthenticClicks = Long(fields, F.InauthenticClicks),
            CommentsPositive = Long(fields, F.CommentsPositive),
            CommentsNeutral = Long(fields, F.CommentsNeutral),
            CommentsNegative = Long(fields, F.CommentsNegative),
            CommentsMeaningful = Long(fields, F.CommentsMeaningful),
            BrandMentions = Long(fields, F.BrandMentions),
        };

    private static long Long(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? (long)value : 0;

    private static long? Optional(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? long.Parse((string)value!, CultureInfo.InvariantCulture) : null;
}
