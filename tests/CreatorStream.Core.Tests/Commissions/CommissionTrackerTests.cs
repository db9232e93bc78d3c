using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Snapshots;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Core.Tests.Commissions;

/// <summary>
/// When the commission tracker makes statements again (docs/design.md, "Commissions"): not while nothing changed, and
/// at once after a restore under an edited plan, so no one approves figures of the old plan.
/// </summary>
public sealed class CommissionTrackerTests
{
    [Fact]
    public void Load_UnderTheSamePlans_MakesNothingAgain_UnderAnEditedPlan_MakesTheStatementsAtOnce()
    {
        var tracker = new CommissionTracker(Catalog());
        var made = new Dictionary<string, CampaignCommissions>(StringComparer.Ordinal);
        tracker.Refresh(made, T0 + Hour, 1);
        Assert.Contains("spring", made.Keys); // the first making
        made.Clear();
        tracker.Refresh(made, T0 + (2 * Hour), 2);
        Assert.Empty(made); // nothing changed, nothing due
        var writer = new SnapshotWriter();
        tracker.Save(writer);

        var same = new CommissionTracker(Catalog());
        same.Load(new SnapshotReader(writer.ToArray()));
        same.Refresh(made, T0 + (2 * Hour), 3);
        Assert.Empty(made);

        var edited = new CommissionTracker(CampaignCatalog.Parse(CommissionScenario.Json.Replace("{\"kind\":\"percent\",\"rate\":0.10}", "{\"kind\":\"percent\",\"rate\":0.12}", StringComparison.Ordinal)));
        edited.Load(new SnapshotReader(writer.ToArray()));
        edited.Refresh(made, T0 + (2 * Hour), 4);
        Assert.Contains("spring", made.Keys);
    }
}
