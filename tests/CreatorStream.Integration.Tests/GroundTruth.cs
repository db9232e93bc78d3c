using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// The independent oracle: counts straight from the generated records with LINQ, sharing no code with the
/// pipeline. Duplicates are the generator's verbatim re-sends; malformed records count nowhere.
/// </summary>
public sealed class GroundTruth
{
    public GroundTruth(IReadOnlyList<GeneratedRecord> records)
    {
        var counted = records.Where(r => r.Kind is RecordKind.Genuine && r.Event is not null).Select(r => r.Event!).ToList();
        Audience = [.. counted.OfType<AudienceEvent>()];
        Conversions = counted.OfType<Conversion>().Count();
        Duplicates = records.Count(r => r.Kind == RecordKind.Duplicate);
        Malformed = records.Count(r => r.Kind == RecordKind.Malformed);
    }

    public IReadOnlyList<AudienceEvent> Audience { get; }

    public int Conversions { get; }

    public int Duplicates { get; }

    public int Malformed { get; }

    public static (long Impressions, long Reach, long Likes, long Comments, long Shares, long Saves, long Clicks) Count(IEnumerable<AudienceEvent> events)
    {
        var list = events.ToList();
        var engagements = list.OfType<Engagement>().ToList();
        return (
            list.OfType<Impression>().LongCount(),
            list.OfType<Impression>().Select(e => e.UserId).Distinct().LongCount(),
            engagements.LongCount(e => e.Kind == EngagementKind.Like),
            engagements.LongCount(e => e.Kind == EngagementKind.Comment),
            engagements.LongCount(e => e.Kind == EngagementKind.Share),
            engagements.LongCount(e => e.Kind == EngagementKind.Save),
            list.OfType<Click>().LongCount());
    }
}
