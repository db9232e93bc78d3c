using CreatorStream.Kafka;
using CreatorStream.Testing;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Customer value": <see cref="CustomerScenario"/> (200 days of one brand's customers) through the
/// broker and both stages of a worker; the store's report equals the replay report (live equals replay), with anna's
/// figures as computed by hand in CustomerValueReplayTests.
/// </summary>
public sealed class CustomerValueLiveTests
{
    [Fact]
    public async Task Worker_CustomerScenario_StoresTheCustomerValueTheReplayReportHas()
    {
        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(CustomerScenario.Events(), Topics.All, TestCampaigns.Spring());

        Assert.True(difference is null, $"live and replay differ at {difference}");
        var anna = replay["campaigns"]!["spring"]!["creators"]!["anna"]!["customer_value"]!;
        Assert.Equal((2.0, 215.0), (anna["acquired"]!.GetValue<double>(), anna["cohort_revenue"]!.GetValue<double>()));
        Assert.Equal(85.0, anna["within180_days"]!["revenue"]!.GetValue<double>());
    }
}
