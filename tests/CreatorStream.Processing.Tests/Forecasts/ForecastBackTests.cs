using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Processing.Forecasts;
using CreatorStream.Processing.State;
using CreatorStream.Processing.Tests.Replay;
using CreatorStream.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Processing.Tests.Forecasts;

/// <summary>
/// The forecast back-tested on generated campaigns (docs/design.md, "Forecasts"; docs/benchmarks.md, session 32): the
/// first half of each log, replayed, projects the second half's credited conversions and revenue, and the truth is the
/// whole log replayed. Seeds 1 and 2 chose the dispersion's block length and its campaign-wide floor; the seeds asserted on played no part.
/// </summary>
public sealed class ForecastBackTests(ITestOutputHelper output)
{
    private const long StartMs = 1_767_225_600_000;

    /// <summary>
    /// Held-out seeds at the tuned posting pace (a post cycle of 8 hours) and a family left out of tuning (a cycle of a
    /// day: longer quiet spells between bursts). The goal is 90 % coverage; with 18 creators a seed and 54 over three,
    /// a true 90 % falls below 80 % about once in a hundred runs, so the floor is 80 % over each group of seeds, and
    /// the projection may be off on average by no more than a sixth.
    /// </summary>
    [Theory]
    [InlineData(8, new[] { 3, 4, 5 })]
    [InlineData(24, new[] { 6, 7, 8 })]
    public async Task HeldOutSeeds_TruthLiesInsideTheNinetyPercentIntervalsAtTheGoal(int cycleHours, int[] seeds)
    {
        var outcomes = new List<Outcome>();
        foreach (var seed in seeds)
        {
            outcomes.Add(await BackTestAsync(seed, TimeSpan.FromHours(cycleHours)));
            output.WriteLine($"seed {seed}, cycle {cycleHours} h: {outcomes[^1]}");
        }

        var creators = outcomes.Sum(o => o.Creators);
        var coverage = outcomes.Sum(o => o.CreatorsCovered) / (double)creators;
        var revenueCoverage = outcomes.Sum(o => o.RevenueCovered) / (double)creators;
        var bias = outcomes.Sum(o => o.MeanEstimate) / outcomes.Sum(o => o.MeanTruth);
        output.WriteLine($"creators {creators}: conversions covered {coverage:P1}, revenue covered {revenueCoverage:P1}, campaigns {outcomes.Sum(o => o.CampaignsCovered)} of {outcomes.Sum(o => o.Campaigns)}, estimate / truth {bias:0.000}");
        Assert.True(coverage >= 0.80, $"conversions covered for {coverage:P1} of {creators} creators");
        Assert.True(revenueCoverage >= 0.80, $"revenue covered for {revenueCoverage:P1} of {creators} creators");
        Assert.InRange(bias, 5 / 6.0, 6 / 5.0);
        Assert.True(outcomes.Sum(o => o.CampaignsCovered) >= outcomes.Sum(o => o.Campaigns) - 1, "campaign totals covered");
    }

    /// <summary>The training seeds, on which the block length was chosen: printed, not asserted.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task TrainingSeeds_Printed(int seed) => output.WriteLine((await BackTestAsync(seed)).ToString());

    /// <summary>Counts of creators and campaigns whose truth fell inside the 90 % intervals.</summary>
    public sealed record Outcome(int Creators, int CreatorsCovered, int RevenueCovered, int Campaigns, int CampaignsCovered, double MeanTruth, double MeanEstimate, string Lines);

    internal static async Task<Outcome> BackTestAsync(int seed, TimeSpan? cycle = null)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = StartMs, EventsPerSecond = 0.5, MaxEvents = 180_000, PostCycle = cycle ?? TimeSpan.FromHours(8) });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var times = records.Where(r => r.Event is not null).Select(r => r.Event!.Ts).ToList();
        var middle = times.Min() + ((times.Max() - times.Min()) / 2);
        var half = records.TakeWhile(r => r.Event is null || r.Event.Ts <= middle).ToList();
        var (early, whole) = (new InMemoryStateStore(), new InMemoryStateStore());
        await GeneratedTrendTests.ReplayAsync(catalog, half, early);
        await GeneratedTrendTests.ReplayAsync(catalog, records, whole);

        int creators = 0, covered = 0, revenueCovered = 0, campaigns = 0, campaignsCovered = 0;
        double truthSum = 0, estimateSum = 0;
        var lines = new System.Text.StringBuilder();
        foreach (var campaign in catalog.Campaigns)
        {
            var end = (await whole.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, default)).Totals.LastEventTs!.Value;
            var (forecast, refusal) = await ForecastReader.ReadAsync(early, campaign, catalog.Campaigns, end, new Dictionary<string, double>(), default);
            Assert.Null(refusal);
            var truth = ReportBuilder.BuildOutcomes(campaign, await whole.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, default));
            var model = campaign.Attribution.ReportingModel;
            double campaignTruth = 0;
            foreach (var creator in forecast!.Creators)
            {
                var credit = truth.Creators[creator.CreatorId].Attribution![model];
                var (more, moreRevenue) = (credit.Conversions - creator.ConversionsToDate, credit.Revenue - creator.RevenueToDate);
                campaignTruth += more;
                creators++;
                covered += creator.AdditionalConversions.Covers(more) ? 1 : 0;
                revenueCovered += creator.AdditionalRevenue?.Covers(moreRevenue) == true ? 1 : 0;
                truthSum += more;
                estimateSum += creator.AdditionalConversions.Estimate;
                lines.AppendLine($"{campaign.CampaignId}/{creator.CreatorId}: truth {more:0.#} in [{creator.AdditionalConversions.Low:0.#}, {creator.AdditionalConversions.High:0.#}] est {creator.AdditionalConversions.Estimate:0.#} orders {creator.Orders} disp {creator.Dispersion:0.##}");
            }

            campaigns++;
            campaignsCovered += forecast.AdditionalConversions.Covers(campaignTruth) ? 1 : 0;
        }

        return new Outcome(creators, covered, revenueCovered, campaigns, campaignsCovered, truthSum / creators, estimateSum / creators, lines.ToString());
    }
}
