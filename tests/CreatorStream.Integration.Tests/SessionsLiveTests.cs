using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Kafka;
using CreatorStream.Testing;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Outcomes", referral quality: site sessions on their own topic (creatorstream.sessions) reach the
/// brand task that holds their users' clicks through both stages and the broker, and the live store's report equals the
/// replay report of the same events: referral quality from sessions, the landed stage, unmatched sessions and the dead
/// letter of a session naming a click never seen.
/// </summary>
public sealed class SessionsLiveTests
{
    [Fact]
    public async Task Worker_SessionsOnTheirTopic_ReportFromItsStoreEqualsTheReplayReport()
    {
        var (difference, replay, counters) = await ScenarioLiveRun.RunAsync(SessionScenario.Events, Topics.All);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        var anna = replay["campaigns"]!["spring"]!["creators"]!["anna"]!;
        Assert.Equal(("sessions", 3L, 2.0), (anna["referral_source"]!.GetValue<string>(), anna["sessions"]!.GetValue<long>(), anna["quality_weighted_traffic"]!.GetValue<double>()));
        Assert.Equal(2L, anna["funnel"]!["landed"]!.GetValue<long>());
        Assert.Equal(2L, replay["unmatched_sessions"]!.GetValue<long>());
        Assert.Equal(2L, counters.UnmatchedSessions);
        Assert.Equal(1, counters.DeadLetters.GetValueOrDefault(DeadLetterReason.UnknownClick));
    }

    /// <summary>A cluster set up before the sessions topic existed: the worker reads the other topics, and the clicks' own visit data stands in.</summary>
    [Fact]
    public async Task Worker_ClusterWithoutTheSessionsTopic_ReferralQualityFromClicks()
    {
        var events = SessionScenario.Events.Where(e => e is not SiteSession).ToList();

        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(events, [.. Topics.All.Where(t => t != Topics.Sessions)]);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        Assert.Equal("clicks", replay["campaigns"]!["spring"]!["creators"]!["anna"]!["referral_source"]!.GetValue<string>());
    }
}
