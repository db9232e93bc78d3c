namespace CreatorStream.Browser.Tests;

public sealed class DebugTmp(ReplayedWebFixture web, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ReplayedWebFixture>
{
    [Fact]
    public async Task Dump()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ReplayedWebFixture.ApiKey);
        output.WriteLine("A1 " + await http.GetStringAsync($"{web.BaseUrl}/api/campaigns/spring-launch/authenticity?creator=aisha"));
        output.WriteLine("A2 " + await http.GetStringAsync($"{web.BaseUrl}/api/campaigns/spring-launch/authenticity?creator=aisha&content=c-aisha-3"));
        output.WriteLine("A3 " + await http.GetStringAsync($"{web.BaseUrl}/api/campaigns/spring-launch/authenticity?creator=malik&content=c-malik-4"));
        foreach (var c in web.Catalog.Campaigns.Take(0))
        {
            output.WriteLine(c.CampaignId + " auth: " + (await http.GetStringAsync($"{web.BaseUrl}/api/campaigns/{c.CampaignId}/authenticity"))[..600]);
            var alerts = await http.GetStringAsync($"{web.BaseUrl}/api/campaigns/{c.CampaignId}/alerts?limit=50");
            output.WriteLine(alerts.Length > 3000 ? alerts[..3000] : alerts);
        }
    }
}
