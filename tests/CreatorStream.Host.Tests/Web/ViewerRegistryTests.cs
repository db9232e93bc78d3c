using CreatorStream.Core.State;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Web;

public sealed class ViewerRegistryTests
{
    [Fact]
    public void Leave_OneOfTwoWindows_KeepsTheCampaignsAlertsUntilTheLastWindowGoes()
    {
        var viewers = new ViewerRegistry();

        Assert.True(viewers.Join("c1", "spring", StateWindow.CampaignToDate)); // first window: join the alert group
        Assert.False(viewers.Join("c1", "spring", StateWindow.Last5Minutes));
        Assert.False(viewers.Leave("c1", "spring", StateWindow.CampaignToDate)); // still watching 5m: keep alerts
        Assert.Equal([StateWindow.Last5Minutes], viewers.WatchedWindows("spring"));
        Assert.True(viewers.Leave("c1", "spring", StateWindow.Last5Minutes));
        Assert.Empty(viewers.WatchedWindows("spring"));
    }

    [Fact]
    public void WatchedWindows_AfterADisconnect_ForgetsTheConnection()
    {
        var viewers = new ViewerRegistry();
        viewers.Join("c1", "spring", StateWindow.LastHour);
        viewers.Join("c2", "spring", StateWindow.CampaignToDate);

        viewers.Disconnected("c1");

        Assert.Equal([StateWindow.CampaignToDate], viewers.WatchedWindows("spring"));
    }
}
