using CreatorStream.Core.Configuration;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Configuration;

public sealed class CampaignCatalogTests
{
    [Fact]
    public void Parse_DesignExample_ReadsEveryField()
    {
        var catalog = TestCampaigns.Spring();

        Assert.True(catalog.TryGet("spring", out var spring));
        Assert.Equal("acme", spring.BrandId);
        Assert.Equal(50000, spring.Goal!.Target!.Value);
        Assert.Equal(168, spring.Attribution.TimeDecayHalfLifeHours);
        Assert.Equal(8.0, spring.Benchmarks.Cpm["instagram"]);
        Assert.Equal(0.10, spring.Creators[0].Costs.CommissionRate);
        Assert.Equal(1370, spring.Creators[0].Costs.Fixed);
        Assert.True(catalog.HasCreator("spring", "ben"));
        Assert.False(catalog.HasCreator("spring", "carl"));
    }

    [Theory]
    [InlineData("\"currency\":\"USD\"", "\"currency\":\"dollars\"", "campaigns[0].currency")]
    [InlineData("\"reporting_model\":\"last_touch\"", "\"reporting_model\":\"best_guess\"", "campaigns[0].attribution.reporting_model")]
    [InlineData("\"lookback_days\":30", "\"lookback_days\":0", "campaigns[0].attribution.lookback_days")]
    [InlineData("\"cpm\":{\"instagram\":8.0", "\"cpm\":{\"myspace\":8.0", "campaigns[0].benchmarks.cpm.myspace")]
    [InlineData("\"commission_rate\":0.05", "\"commission_rate\":1.5", "campaigns[0].creators[1].costs.commission_rate")]
    [InlineData("\"flat_fee\":500", "\"flat_fee\":-1", "campaigns[0].creators[1].costs.flat_fee")]
    [InlineData("\"creator_id\":\"ben\"", "\"creator_id\":\"anna\"", "campaigns[0].creators[1].creator_id")]
    [InlineData("\"campaign_id\":\"spring\"", "\"campaign_id\":\"spring launch!\"", "campaigns[0].campaign_id")]
    [InlineData("\"name\":\"Ben\"", "\"name\":\"Ben\",\"fee\":3", "$.campaigns[0].creators[1]")]
    public void Parse_BadField_ThrowsNamingTheField(string find, string replace, string field)
    {
        var json = TestCampaigns.SpringJson.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(TestCampaigns.SpringJson, json);

        var error = Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse(json));

        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MinimalCampaign_AppliesTheDocumentedDefaults()
    {
        var catalog = CampaignCatalog.Parse("""{"campaigns":[{"campaign_id":"c","brand_id":"b","creators":[{"creator_id":"a"}]}]}""");

        var campaign = catalog.Campaigns[0];
        Assert.Equal("USD", campaign.Currency);
        Assert.Equal(("last_touch", 30, 168.0, 300), (campaign.Attribution.ReportingModel, campaign.Attribution.LookbackDays, campaign.Attribution.TimeDecayHalfLifeHours, campaign.Attribution.DataDrivenMinConversions));
        Assert.Empty(campaign.Benchmarks.Cpm);
        Assert.Empty(campaign.Creators[0].PromoCodes);
        Assert.Equal(0, campaign.Creators[0].Costs.Fixed);
    }

    [Fact]
    public void Parse_NullWhereAValueIsRequired_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse("""{"campaigns":[{"campaign_id":"c","brand_id":"b","benchmarks":{"cpm":null}}]}"""));

        Assert.Contains("cpm", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Catalog_DoesNotWriteDerivedCosts()
    {
        Assert.DoesNotContain("\"fixed\"", TestCampaigns.Spring().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoCampaigns_Throws()
    {
        Assert.Equal("campaigns", Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse("""{"campaigns":[]}""")).Field);
    }

    [Fact]
    public void Parse_NotJson_ThrowsWithAPath()
    {
        Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse("{\"campaigns\":[{"));
    }
}
