using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Kafka;
using CreatorStream.Testing;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Outcomes", leads: lead updates on their own topic (creatorstream.lead-updates) reach the brand task
/// that holds their leads through both stages and the broker, and the live store's report equals the replay report of
/// the same events, dead letters of an update of an order never seen and of a purchase included.
/// </summary>
public sealed class LeadUpdatesLiveTests
{
    [Fact]
    public async Task Worker_LeadUpdatesOnTheirTopic_ReportFromItsStoreEqualsTheReplayReport()
    {
        var (difference, replay, counters) = await ScenarioLiveRun.RunAsync(LeadScenario.Events, Topics.All);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        Assert.Equal(2.0, replay["campaigns"]!["spring"]!["totals"]!["won_leads"]!.GetValue<double>());
        Assert.Equal(1, counters.DeadLetters.GetValueOrDefault(DeadLetterReason.NotALead));
        Assert.Equal(1, counters.DeadLetters.GetValueOrDefault(DeadLetterReason.UnknownOrder));
    }

    /// <summary>A cluster set up before the lead-updates topic existed: the worker reads the other topics as before.</summary>
    [Fact]
    public async Task Worker_ClusterWithoutTheLeadUpdatesTopic_ReadsTheOtherTopics()
    {
        var events = LeadScenario.Events.Where(e => e is not LeadUpdate).ToList();

        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(events, [.. Topics.All.Where(t => t != Topics.LeadUpdates)]);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        Assert.Equal(3.0, replay["campaigns"]!["spring"]!["totals"]!["leads"]!.GetValue<double>());
    }
}
