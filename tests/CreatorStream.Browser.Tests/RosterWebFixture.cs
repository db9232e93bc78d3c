using CreatorStream.Core.Events;
using CreatorStream.Host.Web;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store holding <see cref="RosterScenario"/> replayed to 72 hours into "spring" (anna 14
/// orders of 150, ben and dan 2 each; the goal names no end and no budget) after "winter": the forecast panel
/// (docs/design.md, "Forecasts") with a key of spring alone, and the roster panel ("Roster") with a key of the brand,
/// against figures worked by hand in the REST tests.
/// </summary>
public class RosterWebFixture : ScenarioWebFixture
{
    /// <summary>Reads campaign "spring" only.</summary>
    public const string SpringKey = "forecast-spring";

    /// <summary>Reads every campaign of brand "acme" (winter and spring).</summary>
    public const string BrandKey = "roster-acme";

    private readonly long _newest;

    public RosterWebFixture()
        : this(RosterScenario.Spring + (72 * RosterScenario.Hour))
    {
    }

    /// <param name="newest">The scenario's newest event: how far into spring the store holds.</param>
    protected RosterWebFixture(long newest)
        : base(RosterScenario.Catalog()) => _newest = newest;

    protected override IEnumerable<StreamEvent> Events() => RosterScenario.Events(_newest);

    protected override IReadOnlyList<ApiKeyEntry> Keys() =>
    [
        new ApiKeyEntry(ApiKeyRing.Hash(SpringKey), new HashSet<string> { "spring" }, null),
        new ApiKeyEntry(ApiKeyRing.Hash(BrandKey), null, new HashSet<string> { "acme" }),
    ];
}

/// <summary>
/// <see cref="RosterWebFixture"/> in spring's first day (its figures reach about 14 hours): too early for spring's own
/// pace, so its forecast stands on winter (docs/design.md, "Forecasts", before a day of figures).
/// </summary>
public sealed class FirstDayWebFixture : RosterWebFixture
{
    public FirstDayWebFixture()
        : base(RosterScenario.Spring + (12 * RosterScenario.Hour))
    {
    }
}
