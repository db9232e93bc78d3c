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

    /// <summary>Every goal field the report relies on is checked at start-up, naming the field (docs/design.md, "Goals").</summary>
    [Theory]
    [InlineData("\"type\":\"sales\"", "\"type\":\"fame\"", "campaigns[0].goal.type")]
    [InlineData("\"kpi\":\"revenue\"", "\"kpi\":\"reach\"", "campaigns[0].goal.target.kpi")]
    [InlineData("\"value\":50000}", "\"value\":50000,\"increase_pct\":10}", "campaigns[0].goal.target.value")]
    [InlineData("\"value\":50000}", "\"value\":0}", "campaigns[0].goal.target.value")]
    [InlineData("\"value\":50000}", "\"increase_pct\":10}", "campaigns[0].goal.target.increase_pct")]
    [InlineData("\"value\":50000},\"baseline\":null", "\"increase_pct\":-100},\"baseline\":100", "campaigns[0].goal.target.increase_pct")]
    [InlineData("\"baseline\":null", "\"baseline\":-5", "campaigns[0].goal.baseline")]
    [InlineData("\"baseline\":null", "\"baseline\":null,\"start\":\"2026-03-10T00:00:00Z\",\"end\":\"2026-03-01T00:00:00Z\"", "campaigns[0].goal.end")]
    [InlineData("\"baseline\":null", "\"baseline\":null,\"start\":\"2026-03-10T00:00:00Z\"", "campaigns[0].goal.end")]
    [InlineData("\"baseline\":null", "\"baseline\":null,\"budget\":0", "campaigns[0].goal.budget")]
    [InlineData("\"baseline\":null", "\"baseline\":null,\"secondary\":{\"kpi\":\"clicks\",\"value\":5}", "campaigns[0].goal.secondary.kpi")]
    [InlineData("\"baseline\":null", "\"baseline\":5,\"baseline_campaign\":\"winter\"", "campaigns[0].goal.baseline_campaign")]
    [InlineData("\"baseline\":null", "\"baseline_campaign\":\"spring\"", "campaigns[0].goal.baseline_campaign")]
    [InlineData("\"baseline\":null", "\"baseline_campaign\":\"winter\"", "campaigns[0].goal.baseline_campaign")]
    [InlineData("\"baseline\":null", "\"baseline_days\":14", "campaigns[0].goal.baseline_days")]
    [InlineData("\"baseline\":null", "\"baseline_days\":0,\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-31T00:00:00Z\"", "campaigns[0].goal.baseline_days")]
    [InlineData("\"baseline\":null", "\"baseline_days\":14,\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-10T00:00:00Z\"", "campaigns[0].goal.baseline_days")]
    [InlineData("\"value\":50000},\"baseline\":null", "\"increase_pct\":10},\"baseline_days\":7,\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-31T00:00:00Z\"", "campaigns[0].goal.target.kpi")]
    public void Parse_BadGoal_ThrowsNamingTheField(string find, string replace, string field)
    {
        var json = TestCampaigns.SpringJson.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(TestCampaigns.SpringJson, json);

        var error = Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse(json));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Parse_BaselineFromAnotherBrandsCampaign_IsRefusedNamingTheField()
    {
        // A key for spring would read winter's figures as its baseline, perhaps in another currency.
        const string Campaigns = """
            {"campaigns":[
              {"campaign_id":"winter","brand_id":"globex","creators":[{"creator_id":"zed"}]},
              {"campaign_id":"spring","brand_id":"acme","goal":{"type":"sales","target":{"kpi":"revenue","increase_pct":30},"baseline_campaign":"winter"},
               "creators":[{"creator_id":"anna"}]}]}
            """;

        var error = Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse(Campaigns));

        Assert.Equal("campaigns[1].goal.baseline_campaign", error.Field);
        Assert.Contains("'winter' is another brand's campaign", error.Message, StringComparison.Ordinal);
        Assert.Equal("acme", CampaignCatalog.Parse(Campaigns.Replace("globex", "acme", StringComparison.Ordinal)).OfBrand("acme").Campaigns[1].BrandId);
    }

    [Fact]
    public void Parse_GoalWithEveryField_ReadsThemAll()
    {
        var json = TestCampaigns.SpringJson.Replace(
            "\"goal\":{\"type\":\"sales\",\"target\":{\"kpi\":\"revenue\",\"value\":50000},\"baseline\":null}",
            "\"goal\":{\"type\":\"lead_generation\",\"target\":{\"kpi\":\"leads\",\"increase_pct\":50},\"secondary\":{\"kpi\":\"cost_per_lead\",\"value\":40},"
            + "\"baseline\":120,\"start\":\"2026-03-01T00:00:00Z\",\"end\":\"2026-03-31T00:00:00+02:00\",\"budget\":9000}",
            StringComparison.Ordinal);

        var goal = CampaignCatalog.Parse(json).Campaigns[0].Goal!;

        Assert.Equal(("lead_generation", "leads", 180.0), (goal.Type, goal.Target!.Kpi, goal.Target.Resolve(goal.Baseline)));
        Assert.Equal(("cost_per_lead", 40.0), (goal.Secondary!.Kpi, goal.Secondary.Resolve(goal.Baseline)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), goal.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 22, 0, 0, TimeSpan.Zero), goal.End!.Value.ToUniversalTime());
        Assert.Equal(9000.0, goal.Budget);
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
