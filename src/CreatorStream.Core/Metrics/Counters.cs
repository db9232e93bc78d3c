using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// The additive counts of one aggregate (docs/design.md, "Metrics"). A mutable value. Deltas add; only a revision is
/// negative (an engagement judged authentic, then found part of an inauthentic group, leaves the authentic count).
/// </summary>
public struct Counters
{
    public long Impressions;
    public long Likes;
    public long Comments;
    public long Shares;
    public long Saves;
    public long AuthenticEngagements;

    /// <summary>Engagements judged inauthentic (revised ones included): "at risk". The rest of the engagements are awaiting judgement.</summary>
    public long InauthenticEngagements;
    public long Clicks;

    /// <summary>Orders credited to the campaign (under any model), in the minute of the order; refunds do not subtract.</summary>
    public long Conversions;

    public readonly long Engagements => Likes + Comments + Shares + Saves;

    /// <summary>Engagements counted but not judged yet (events are judged a lag behind event time, docs/design.md "Authenticity").</summary>
    public readonly long AwaitingJudgement => Engagements - AuthenticEngagements - InauthenticEngagements;

    public readonly long this[EngagementKind kind] => kind switch
    {
        EngagementKind.Like => Likes,
        EngagementKind.Comment => Comments,
        EngagementKind.Share => Shares,
        _ => Saves,
    };

    public void AddEngagement(EngagementKind kind, bool authentic)
    {
        switch (kind)
        {
            case EngagementKind.Like: Likes++; break;
            case EngagementKind.Comment: Comments++; break;
            case EngagementKind.Share: Shares++; break;
            default: Saves++; break;
        }

        if (authentic)
        {
            AuthenticEngagements++;
        }
    }

    public void Add(in Counters other)
    {
        Impressions += other.Impressions;
        Likes += other.Likes;
        Comments += other.Comments;
        Shares += other.Shares;
        Saves += other.Saves;
        AuthenticEngagements += other.AuthenticEngagements;
        InauthenticEngagements += other.InauthenticEngagements;
        Clicks += other.Clicks;
        Conversions += other.Conversions;
    }
}
