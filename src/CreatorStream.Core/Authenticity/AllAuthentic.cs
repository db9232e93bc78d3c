using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>The classifier that trusts everything: every event is authentic and nothing alerts.</summary>
public sealed class AllAuthentic : IEngagementClassifier
{
    public static AllAuthentic Instance { get; } = new();

    public AuthenticityVerdict Classify(AudienceEvent e) => AuthenticityVerdict.Clean;

    public void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts)
    {
    }

    public void Expire(long watermark)
    {
    }

    public IReadOnlyList<FlaggedAccount> FlaggedAccounts(string campaignId, string? creatorId, string? contentId, int limit) => [];

    public IReadOnlyDictionary<State.FlagScope, IReadOnlyList<FlaggedAccount>> FlaggedAccounts(IReadOnlyCollection<State.FlagScope> scopes, int limit) =>
        new Dictionary<State.FlagScope, IReadOnlyList<FlaggedAccount>>();
}
