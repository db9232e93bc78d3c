using CreatorStream.Core.Events;
using CreatorStream.Host.Web;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store holding <see cref="CommissionScenario"/> replayed to 30 h (anna's commission still
/// held, ben's mostly payable), with a viewer key and an approver key of campaign "spring" (docs/design.md, "Commissions"),
/// and anna's creator key, which reads only her own view (issue 23, docs/design.md "Creator keys").
/// </summary>
public sealed class CommissionWebFixture() : ScenarioWebFixture(CommissionScenario.Catalog())
{
    public const string ViewerKey = "statements-viewer";

    public const string ApproverKey = "statements-approver";

    public const string Approver = "Maria (finance)";

    public const string CreatorKey = "statements-creator-anna";

    protected override IEnumerable<StreamEvent> Events() => CommissionScenario.Events(CommissionScenario.T0 + (30 * CommissionScenario.Hour));

    protected override IReadOnlyList<ApiKeyEntry> Keys() =>
    [
        new ApiKeyEntry(ApiKeyRing.Hash(ViewerKey), new HashSet<string> { "spring" }, null),
        new ApiKeyEntry(ApiKeyRing.Hash(ApproverKey), new HashSet<string> { "spring" }, null, Approver, ApiKeyRoles.Approver),
        new ApiKeyEntry(ApiKeyRing.Hash(CreatorKey), new HashSet<string> { "spring" }, null, "Anna", Creator: "anna"),
    ];
}
