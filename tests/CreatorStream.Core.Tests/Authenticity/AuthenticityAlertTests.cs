using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.State;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

public sealed class AuthenticityAlertTests
{
    private const long Minute = 60_000;
    // The incident and alert mechanics, on bots flagged by their own signals: new accounts never shown the post, on proxy
    // IPs. new_account's weight is 0.25 here so that those two alone flag each bot as they did when these cases were
    // written (the default is 0.2, so that a real newcomer's lost impression does not flag); group signals are off
    // (Classify judges with no lag, and these cases are not about groups).
    private readonly AuthenticityClassifier _classifier = new(AuthenticityOptions.Default with
    {
        NewAccountWeight = 0.25,
        ExposureGapMin = int.MaxValue,
    });
    private readonly List<Alert> _alerts = [];
    private int _bots;

    [Fact]
    public void Advance_GrowingIncident_AlertsOnceMaterialWithOneStableIdAndGrowingCounts()
    {
        Genuine(T0, 40); // minutes 0–1: ordinary engagement
        Bots(T0 + (2 * Minute), 10);
        _classifier.Advance(T0 + (2 * Minute) + 10_000, 1, _alerts);
        Assert.Empty(_alerts); // ten is noise, not an incident

        Bots(T0 + (2 * Minute) + 20_000, 10);
        Genuine(T0 + (2 * Minute) + 30_000, 5);
        _classifier.Advance(T0 + (2 * Minute) + 40_000, 2, _alerts);
        Bots(T0 + (3 * Minute), 15);
        _classifier.Advance(T0 + (3 * Minute) + 30_000, 3, _alerts);
        _classifier.Advance(T0 + (3 * Minute) + 40_000, 4, _alerts); // nothing new: nothing re-sent

        Assert.Equal(2, _alerts.Count);
        var id = $"inauthentic_engagement:spring:anna:post-1:{(T0 / Minute) + 2}";
        Assert.All(_alerts, a => Assert.Equal((id, AlertKinds.InauthenticEngagement, "spring", "anna", "post-1"), (a.AlertId, a.Kind, a.CampaignId, a.CreatorId, a.ContentId)));
        var (first, second) = (_alerts[0], _alerts[1]);
        Assert.Equal((20, 20, 25), ((int)first.Details["suspicious_engagements"]!, (int)first.Details["accounts"]!, (int)first.Details["engagements"]!));
        Assert.Equal(0.8, (double)first.Details["share_suspicious"]!);
        Assert.Equal((35, 35, 40), ((int)second.Details["suspicious_engagements"]!, (int)second.Details["accounts"]!, (int)second.Details["engagements"]!));
        Assert.Equal(0.875, (double)second.Details["share_suspicious"]!);
        Assert.Equal(["not_shown", "new_account", "shared_ip"], second.Details["top_reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Equal((T0 + (2 * Minute), T0 + (3 * Minute) + 8_401), (second.WindowStart, second.WindowEnd));
        Assert.Equal((2, 3), (first.DetectedAtMs, second.DetectedAtMs));
    }

    [Fact]
    public void Advance_AfterTheIncidentGoesQuiet_NextOneIsANewIncident()
    {
        Bots(T0, 25);
        _classifier.Advance(T0 + Minute, 1, _alerts);
        _classifier.Advance(T0 + (7 * Minute), 2, _alerts); // five quiet minutes close it
        Bots(T0 + (10 * Minute), 25);
        _classifier.Advance(T0 + (11 * Minute), 3, _alerts);

        Assert.Equal(
            [$"inauthentic_engagement:spring:anna:post-1:{T0 / Minute}", $"inauthentic_engagement:spring:anna:post-1:{(T0 / Minute) + 10}"],
            _alerts.Select(a => a.AlertId));
    }

    [Fact]
    public void Advance_LateSuspiciousEventsWithinAnEndedIncident_UpdateItsAlertUnderTheSameId()
    {
        Bots(T0, 25);
        _classifier.Advance(T0 + Minute, 1, _alerts);
        _classifier.Advance(T0 + (7 * Minute), 2, _alerts); // five quiet minutes end it
        Bots(T0 + 30_000, 5); // late: inside the ended incident
        _classifier.Advance(T0 + (7 * Minute) + 1, 3, _alerts);

        var id = $"inauthentic_engagement:spring:anna:post-1:{T0 / Minute}";
        Assert.Equal([id, id], _alerts.Select(a => a.AlertId));
        Assert.Equal((25, 25), ((int)_alerts[0].Details["suspicious_engagements"]!, (int)_alerts[0].Details["accounts"]!));
        Assert.Equal((30, 30), ((int)_alerts[1].Details["suspicious_engagements"]!, (int)_alerts[1].Details["accounts"]!));
        Assert.Equal((T0, T0 + 30_000 + (4 * 600) + 1), (_alerts[1].WindowStart, _alerts[1].WindowEnd));

        // Past the ended incident's gap, a late event starts an incident of its own.
        Bots(T0 + (6 * Minute) + 1_000, 25);
        _classifier.Advance(T0 + (13 * Minute), 4, _alerts);
        Assert.Equal($"inauthentic_engagement:spring:anna:post-1:{(T0 / Minute) + 6}", _alerts[^1].AlertId);
    }

    [Fact]
    public void Advance_FewSuspiciousAmongManyGenuine_DoesNotAlert()
    {
        Genuine(T0, 200);
        Bots(T0 + 30_000, 25); // 25 of 225: 11 %, under the 20 % share
        _classifier.Advance(T0 + (2 * Minute), 1, _alerts);

        Assert.Empty(_alerts);
    }

    [Fact]
    public void FlaggedAccounts_AfterAnIncident_ListsTheBotsWithTheirReasons()
    {
        Genuine(T0, 10);
        Bots(T0 + 1_000, 25);

        var flagged = _classifier.FlaggedAccounts("spring", "anna", "post-1", limit: 5);

        Assert.Equal(5, flagged.Count);
        Assert.All(flagged, a => Assert.StartsWith("bot-", a.AccountId, StringComparison.Ordinal));
        Assert.All(flagged, a => Assert.Equal(1, a.EngagementsFlagged));
        Assert.Equal(1, flagged[0].ReasonCounts["not_shown"]);
        Assert.True(flagged[0].Suspicion >= flagged[4].Suspicion);
        Assert.Empty(_classifier.FlaggedAccounts("spring", "bob", null, limit: 5));
        Assert.Equal(25, _classifier.FlaggedAccounts("spring", null, null, limit: 100).Count);
        Assert.Equal(10 / 35.0, _classifier.AuthenticityScore("spring", "anna")!.Value, 6);
        Assert.Null(_classifier.AuthenticityScore("spring", "nobody"));
    }

    [Fact]
    public void FlaggedAccounts_ManyScopesInOneWalk_CountEachScopeAsAlone()
    {
        Genuine(T0, 10);
        Bots(T0 + 1_000, 25); // anna's post-1
        for (var i = 0; i < 15; i++)
        {
            // Ben's post-2: bot-0 to bot-14 again, so each of them is flagged on both creators.
            _classifier.Classify(Engagement($"bot-{i}", T0 + 40_000 + (i * 600), creator: "ben", content: "post-2") with { AccountAgeDays = 3, IpHash = $"proxy-{i / 10}" });
        }

        FlagScope campaign = new("spring", null, null), anna = new("spring", "anna", null), ben = new("spring", "ben", null);
        FlagScope post1 = new("spring", "anna", "post-1"), post2Alone = new("spring", null, "post-2"), nobody = new("spring", "nobody", null);

        var all = _classifier.FlaggedAccounts([campaign, anna, ben, post1, post2Alone, nobody], limit: 100);

        Assert.Equal(25, all[campaign].Count);
        Assert.Equal(15, all[campaign].Count(a => a.EngagementsFlagged == 2));
        Assert.Equal(25, all[anna].Count);
        Assert.All(all[anna], a => Assert.Equal(1, a.EngagementsFlagged));
        Assert.Equal(15, all[ben].Count);
        Assert.Equal(25, all[post1].Count);
        Assert.Equal(15, all[post2Alone].Count);
        Assert.False(all.ContainsKey(nobody));
        Assert.Equal(all[ben].Select(a => a.AccountId), _classifier.FlaggedAccounts("spring", "ben", null, limit: 100).Select(a => a.AccountId));
        Assert.Equal(5, _classifier.FlaggedAccounts([campaign], limit: 5)[campaign].Count);
    }

    private void Genuine(long from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var user = $"fan-{from}-{i}";
            _classifier.Classify(Impression(user, from + (i * 500)));
            _classifier.Classify(Engagement(user, from + (i * 500) + 200) with { AccountAgeDays = 700, IpHash = "ip-" + user });
        }
    }

    /// <summary>Bought likes: new accounts, never shown the post, ten to a proxy IP, 600 ms apart.</summary>
    private void Bots(long from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = _bots++;
            _classifier.Classify(Engagement($"bot-{n}", from + (i * 600)) with { AccountAgeDays = 3, IpHash = $"proxy-{n / 10}" });
        }
    }
}
