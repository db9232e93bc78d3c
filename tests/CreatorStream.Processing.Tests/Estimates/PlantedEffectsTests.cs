using System.Text.Json;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.Json;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.Tests.Replay;
using CreatorStream.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Processing.Tests.Estimates;

/// <summary>
/// docs/design.md, "Estimates" (decision 0026): each estimator on generated brands with planted effects, replayed
/// through the pipeline, judged against what was planted. Nothing here was tuned on these seeds: the halo and lift
/// estimators have no thresholds learnt from data, and the leak rules were chosen on seeds 1 to 4 of the coupon-site and
/// foreign-forum families (<see cref="CodeLeak_TrainingSeeds_FlagTheLeakingCreatorOnly"/>); the held-out measurements use
/// seeds 200 to 223 and a halo shape and a leak family left out of tuning (seeds 100 to 123 served in development). Floors sit at the goal: the true value inside
/// the 90 % interval on at least 85 % of seeds, and no leak flagged where none was planted.
/// </summary>
public sealed class PlantedEffectsTests(ITestOutputHelper output)
{
    private const double CoverageGoal = 0.85;
    // Seeds 100 to 123 were seen while the lift's interval was changed to the log scale (its normal interval covered 79 %
    // on the country holdout there): they became training seeds, and the measurement moved to seeds never run before.
    private static readonly int[] HeldOutSeeds = [.. Enumerable.Range(200, 24)];

    [Theory]
    [InlineData(HaloShape.Fading, false)]
    [InlineData(HaloShape.Delayed, true)] // a halo shape and a holdout kind never seen while the estimators were written
    public async Task HaloAndLift_HeldOutSeeds_TrueValueInsideThe90PercentIntervalOnAtLeast85Percent(HaloShape shape, bool userHoldout)
    {
        int sessions = 0, conversions = 0, revenue = 0, lift = 0, liftRevenue = 0;
        foreach (var seed in HeldOutSeeds)
        {
            var scenario = new EstimatesScenario(seed, shape, userHoldout: userHoldout);
            var (estimates, truth) = await ReplayAsync(scenario);
            var halo = estimates.Halo.Campaign;
            var incrementality = estimates.Incrementality!;

            // An estimate not made (not enough data) counts as a miss: three weeks of this brand are meant to be enough.
            sessions += halo.Sessions?.Covers(truth.HaloSessions) == true ? 1 : 0;
            conversions += halo.Conversions?.Covers(truth.HaloConversions) == true ? 1 : 0;
            revenue += halo.Revenue?.Covers(truth.HaloRevenue) == true ? 1 : 0;
            lift += incrementality.IncrementalConversions?.Covers(truth.IncrementalConversions) == true ? 1 : 0;
            liftRevenue += incrementality.IncrementalRevenue?.Covers(truth.IncrementalRevenue) == true ? 1 : 0;
            output.WriteLine(
                $"seed {seed}: halo sessions {truth.HaloSessions} in {Text(halo.Sessions)}, orders {truth.HaloConversions} in {Text(halo.Conversions)}, revenue {truth.HaloRevenue:F0} in {Text(halo.Revenue)}; "
                + $"incremental {truth.IncrementalConversions} in {Text(incrementality.IncrementalConversions)} ({incrementality.Status}), revenue {truth.IncrementalRevenue:F0} in {Text(incrementality.IncrementalRevenue)}"
                + $" cells {incrementality.ExposedBaseline.Conversions} {incrementality.ExposedCampaign.Conversions} {incrementality.HeldOutBaseline.Conversions} {incrementality.HeldOutCampaign.Conversions} unassigned {incrementality.Unassigned}");
        }

        var n = (double)HeldOutSeeds.Length;
        output.WriteLine($"coverage: halo sessions {sessions / n:P0}, orders {conversions / n:P0}, revenue {revenue / n:P0}; incremental orders {lift / n:P0}, revenue {liftRevenue / n:P0}");
        Assert.True(sessions / n >= CoverageGoal, $"halo sessions covered on {sessions} of {n} seeds");
        Assert.True(conversions / n >= CoverageGoal, $"halo orders covered on {conversions} of {n} seeds");
        Assert.True(revenue / n >= CoverageGoal, $"halo revenue covered on {revenue} of {n} seeds");
        Assert.True(lift / n >= CoverageGoal, $"incremental orders covered on {lift} of {n} seeds");
        Assert.True(liftRevenue / n >= CoverageGoal, $"incremental revenue covered on {liftRevenue} of {n} seeds");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lift_MarketBusierInTheCampaignsWeeks_TheHoldoutTakesTheTrendOut_CoveredOnAtLeast85Percent(bool userHoldout)
    {
        var covered = 0;
        foreach (var seed in HeldOutSeeds)
        {
            var (estimates, truth) = await ReplayAsync(new EstimatesScenario(seed, userHoldout: userHoldout, marketTrend: 1.25));

            covered += estimates.Incrementality!.IncrementalConversions?.Covers(truth.IncrementalConversions) == true ? 1 : 0;
        }

        output.WriteLine($"incremental orders covered on {covered} of {HeldOutSeeds.Length} seeds with the market a quarter busier");
        Assert.True(covered / (double)HeldOutSeeds.Length >= CoverageGoal, $"covered on {covered} of {HeldOutSeeds.Length} seeds");
    }

    [Theory]
    [InlineData(LeakFamily.CouponSite)]
    [InlineData(LeakFamily.ForeignForum)]
    public async Task CodeLeak_TrainingSeeds_FlagTheLeakingCreatorOnly(LeakFamily family)
    {
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            var (estimates, truth) = await ReplayAsync(new EstimatesScenario(seed, leak: family));

            Assert.Equal([truth.LeakingCreator!], estimates.CodeLeaks.Where(l => l.Alerted).Select(l => l.CreatorId));
        }
    }

    [Theory]
    [InlineData(LeakFamily.CouponSite)]
    [InlineData(LeakFamily.ForeignForum)]
    [InlineData(LeakFamily.StaffCircle)] // left out of tuning
    public async Task CodeLeak_HeldOutSeeds_TheLeakingCreatorIsFlaggedOnAtLeast85Percent_NoOtherEver(LeakFamily family)
    {
        var flagged = 0;
        long planted = 0, found = 0, suspicious = 0;
        foreach (var seed in HeldOutSeeds)
        {
            var (estimates, truth) = await ReplayAsync(new EstimatesScenario(seed, leak: family));
            var alerted = estimates.CodeLeaks.Where(l => l.Alerted).Select(l => l.CreatorId).ToList();
            Assert.DoesNotContain(alerted, c => c != truth.LeakingCreator); // no leak flagged where none was planted
            flagged += alerted.Contains(truth.LeakingCreator!) ? 1 : 0;
            var leaking = estimates.CodeLeaks.Single(l => l.CreatorId == truth.LeakingCreator);
            planted += truth.LeakedUses;
            suspicious += leaking.SuspiciousUses;
            found += Math.Min(leaking.SuspiciousUses, truth.LeakedUses);
        }

        output.WriteLine($"{family}: flagged on {flagged} of {HeldOutSeeds.Length} seeds; {suspicious} uses suspicious of {planted} leaked");
        Assert.True(flagged / (double)HeldOutSeeds.Length >= CoverageGoal, $"the leak was flagged on {flagged} of {HeldOutSeeds.Length} seeds");
    }

    [Fact]
    public async Task NoLeakPlanted_HeldOutSeeds_NoCreatorIsEverFlagged()
    {
        foreach (var seed in HeldOutSeeds)
        {
            var (estimates, _) = await ReplayAsync(new EstimatesScenario(seed));

            Assert.DoesNotContain(estimates.CodeLeaks, l => l.Alerted);
            Assert.All(estimates.CodeLeaks, l => Assert.True(l.SuspiciousShare.Estimate < 0.25, $"{l.CreatorId}: {l.SuspiciousUses} of {l.Uses} suspicious on seed {seed}"));
        }
    }

    [Fact]
    public async Task Report_LabelsEveryEstimate_AndTheDirectFiguresWithoutLeaksSubtractTheSuspiciousUses()
    {
        var scenario = new EstimatesScenario(7, leak: LeakFamily.CouponSite);
        var catalog = scenario.Catalog();
        var (events, _) = scenario.Generate();
        var report = await GeneratedReplay.ReportAsync(catalog, events.Select(e => EventWriter.ToUtf8(e, includeType: true)));
        var estimates = report.Campaigns[EstimatesScenario.CampaignId].Estimates!;
        var leak = estimates.CodeLeaks.Single(l => l.CreatorId == "ben");
        var direct = report.Campaigns[EstimatesScenario.CampaignId].Creators["ben"].Attribution!["direct"];

        Assert.Equal("estimate", estimates.Label);
        Assert.Equal(direct.Conversions, leak.DirectConversions);
        Assert.Equal(direct.Conversions - leak.SuspiciousUses, leak.DirectConversionsWithoutLeaks);
        Assert.Equal(direct.Revenue - leak.SuspiciousRevenue, leak.DirectRevenueWithoutLeaks!.Value, 6);
        Assert.Equal(leak.Revenue, direct.Revenue, 6); // every direct credit of ben's here came through his code
        Assert.Contains(report.Campaigns[EstimatesScenario.CampaignId].Alerts, a => a.Kind == "code_leak" && a.CreatorId == "ben");
        var cost = report.Campaigns[EstimatesScenario.CampaignId].Totals.Cost!.Value;
        Assert.Equal(estimates.Incrementality!.IncrementalRevenue!.Estimate / cost, estimates.Incrementality.Iroas!.Estimate, 9);

        // Each creator's ROI with their halo share: (credited revenue + halo revenue − cost) / cost, at each end of the interval.
        var section = report.Campaigns[EstimatesScenario.CampaignId];
        Assert.Equal(section.Creators.Keys.Order(StringComparer.Ordinal), estimates.CreatorRoi.Keys);
        foreach (var (creatorId, creator) in section.Creators)
        {
            var credited = creator.Attribution![catalog.Campaigns[0].Attribution.ReportingModel].Revenue;
            var halo = estimates.Halo.Creators[creatorId].Revenue!;
            var roi = estimates.CreatorRoi[creatorId];
            var spent = creator.Cost!.Value;
            Assert.Equal(creator.Roi, roi.Roi);
            Assert.Equal((credited + halo.Estimate - spent) / spent, roi.RoiWithHalo!.Estimate, 9);
            Assert.Equal((credited + halo.Low - spent) / spent, roi.RoiWithHalo.Low, 9);
            Assert.Equal((credited + halo.High - spent) / spent, roi.RoiWithHalo.High, 9);
        }
    }

    /// <summary>
    /// The brand task makes the halo again only when an input in the complete hours it reads changed (decision 0026):
    /// what the report holds after a replay in batches of any size is what one making over all the events gives.
    /// </summary>
    [Fact]
    public async Task Estimates_AnyBatchSize_GiveTheSameReport()
    {
        var scenario = new EstimatesScenario(31, leak: LeakFamily.CouponSite);
        var catalog = scenario.Catalog();
        var lines = scenario.Generate().Events.Select(e => EventWriter.ToUtf8(e, includeType: true)).ToList();
        var text = new MemoryStream();
        foreach (var line in lines)
        {
            text.Write(line);
            text.WriteByte((byte)'\n');
        }

        string? whole = null;
        foreach (var batchSize in new[] { 1_000_000, 4096, 97 })
        {
            text.Position = 0;
            var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize }.RunAsync(text, null, CancellationToken.None);
            // The figures read from the credit and cost (ROI, iROAS, the direct model's) are sums over the store's batches,
            // equal only to rounding across batch sizes: left out, so what is compared is exactly what the tracker made.
            var made = outcome.Report.Campaigns[EstimatesScenario.CampaignId].Estimates!;
            made = made with
            {
                Roi = null,
                RoiWithHalo = null,
                CreatorRoi = new(StringComparer.Ordinal),
                CodeLeaks = [.. made.CodeLeaks.Select(l => l with { DirectConversions = null, DirectRevenue = null, DirectConversionsWithoutLeaks = null, DirectRevenueWithoutLeaks = null })],
                Incrementality = made.Incrementality! with { Iroas = null },
            };
            var estimates = JsonSerializer.Serialize(made, CoreJsonContext.Default.EstimatesReport);
            whole ??= estimates;
            Assert.Equal(whole, estimates);
        }

        Assert.Contains("\"estimated\"", whole!);
    }

    private static string Text(Interval? interval) => interval is { } i ? $"[{i.Low:F1}, {i.High:F1}]" : "(not estimated)";

    private static async Task<(EstimatesReport Estimates, EstimatesTruth Truth)> ReplayAsync(EstimatesScenario scenario)
    {
        var catalog = scenario.Catalog();
        var (events, truth) = scenario.Generate();
        var report = await GeneratedReplay.ReportAsync(catalog, events.Select(e => EventWriter.ToUtf8(e, includeType: true)));
        return (report.Campaigns[EstimatesScenario.CampaignId].Estimates!, truth);
    }
}
