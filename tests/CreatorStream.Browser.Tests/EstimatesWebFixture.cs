using CreatorStream.Core.Events;
using CreatorStream.Host.Web;
using CreatorStream.Simulation;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store that holds a replayed brand with a planted halo, a creator's code leaked to a
/// coupon site and a country holdout (<see cref="EstimatesScenario"/>, seed 31): estimates that stand still, so the
/// estimates panel can be compared with <c>GET …/estimates</c> figure by figure (docs/design.md, "Estimates").
/// </summary>
public sealed class EstimatesWebFixture() : ScenarioWebFixture(Scenario.Catalog())
{
    public const string ApiKey = "estimates-all-campaigns";

    private static readonly EstimatesScenario Scenario = new(31, leak: LeakFamily.CouponSite);

    protected override IEnumerable<StreamEvent> Events() => Scenario.Generate().Events;

    protected override IReadOnlyList<ApiKeyEntry> Keys() => [new ApiKeyEntry(ApiKeyRing.Hash(ApiKey), Campaigns: null, Brands: null)];
}
