using CreatorStream.Core.Authenticity;

namespace CreatorStream.Host.Web;

/// <summary>
/// Why engagement was judged inauthentic, for a campaign, a creator or a post: the engagement at risk (judged
/// inauthentic, to date), what is still awaiting judgement, each creator's authenticity score, and the most suspicious
/// accounts with their reasons.
/// </summary>
public sealed record AuthenticityView(
    string CampaignId,
    string? CreatorId,
    string? ContentId,
    long Engagements,
    long AuthenticEngagements,
    long EngagementAtRisk,
    long InauthenticEngagements,
    long AwaitingJudgement,
    IReadOnlyDictionary<string, double?> AuthenticityScores,
    IReadOnlyList<FlaggedAccount> FlaggedAccounts);
