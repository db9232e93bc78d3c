using System.Reflection;
using System.Text;
using CreatorStream.Core.Configuration;
using CreatorStream.Host.Web;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Web;

public sealed class ApiKeyRingTests
{
    private const string BrandKey = "brand-acme-key";

    private static readonly ApiKeyRing Ring = new(
    [
        new ApiKeyEntry(ApiKeyRing.Hash(BrandKey), Campaigns: null, Brands: new HashSet<string> { "acme" }),
        new ApiKeyEntry(ApiKeyRing.Hash("campaign-key"), Campaigns: new HashSet<string> { "other" }, Brands: null),
    ]);

    [Fact]
    public void Hash_OfAKey_IsItsSha256()
    {
        // The FIPS 180-2 test vector: the file format's "printf %s KEY | sha256sum" gives the same digits.
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(ApiKeyRing.Hash("abc")));
    }

    [Fact]
    public void Check_ABrandKey_AllowsItsBrandsCampaignAndForbidsAnotherBrandsLikeAMissingOne()
    {
        var catalog = TestCampaigns.Spring();
        var spring = catalog.Campaigns[0];
        var otherBrand = spring with { CampaignId = "winter", BrandId = "globex" };

        Assert.True(Ring.Check(BrandKey, spring, "spring").IsAllowed);
        var foreign = Ring.Check(BrandKey, otherBrand, "winter");
        var missing = Ring.Check(BrandKey, null, "winter");
        Assert.Equal((403, 403), (foreign.StatusCode, missing.StatusCode));
        Assert.Equal(foreign.Reason, missing.Reason); // the same answer: existence is not probed
        Assert.Equal(["spring"], Ring.Visible(BrandKey, [spring, otherBrand]).Select(c => c.CampaignId));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("", 401)]
    [InlineData("BRAND-ACME-KEY", 401)] // keys are exact: no case folding
    [InlineData("brand-acme-key ", 401)]
    public void Check_AnyOtherSpellingOfAKey_IsUnauthorized(string? key, int status)
    {
        Assert.Equal(status, Ring.Check(key, TestCampaigns.Spring().Campaigns[0], "spring").StatusCode);
    }

    [Fact]
    public void Ring_HoldsNoKeyInClear()
    {
        // Whatever the ring and its entries hold, none of it is the key's text (only its SHA-256 is kept).
        var held = Reachable(Ring).ToList();

        Assert.Contains(held, v => v is byte[] b && b.SequenceEqual(ApiKeyRing.Hash(BrandKey)));
        Assert.DoesNotContain(held, v => v is string s && s.Contains(BrandKey, StringComparison.Ordinal));
        Assert.DoesNotContain(held, v => v is byte[] b && Encoding.UTF8.GetString(b).Contains(BrandKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AFileWithAKeyInClear_IsRefused()
    {
        using var dir = new TempDirectory("api-keys-");
        var path = dir.Combine("keys.json");
        File.WriteAllText(path, """{"keys":[{"sha256":"my-secret-key","brands":["acme"]}]}""");

        var error = Assert.Throws<ConfigurationException>(() => ApiKeyFile.Load(path));

        Assert.Equal("keys[0].sha256", error.Field);
    }

    [Fact]
    public void Load_AnApproverKey_HasItsRoleAndName_AndAViewerKeyMayNotApprove()
    {
        using var dir = new TempDirectory("api-keys-");
        var path = dir.Combine("keys.json");
        var (viewer, approver) = (Convert.ToHexStringLower(ApiKeyRing.Hash("v")), Convert.ToHexStringLower(ApiKeyRing.Hash("a")));
        File.WriteAllText(path, $$"""{"keys":[{"sha256":"{{viewer}}"},{"sha256":"{{approver}}","campaigns":["spring"],"name":"Maria (finance)","role":"approver"}]}""");

        var ring = ApiKeyFile.Load(path);

        Assert.False(ring.Find("v")!.MayApprove);
        Assert.Equal($"key {viewer[..12]}", ring.Find("v")!.Actor);
        Assert.True(ring.Find("a")!.MayApprove);
        Assert.Equal("Maria (finance)", ring.Find("a")!.Actor);
    }

    [Fact]
    public void Load_ACreatorsKey_CoversOnlyCampaignsWithThatCreator_AndNoWholeCampaign()
    {
        using var dir = new TempDirectory("api-keys-");
        var path = dir.Combine("keys.json");
        File.WriteAllText(path, $$"""{"keys":[{"sha256":"{{Convert.ToHexStringLower(ApiKeyRing.Hash("c"))}}","brands":["acme"],"creator":"anna"}]}""");
        var spring = TestCampaigns.Spring().Campaigns[0];

        var ring = ApiKeyFile.Load(path);

        var entry = ring.Find("c")!;
        Assert.Equal("anna", entry.Creator);
        Assert.False(entry.CoversAll);
        Assert.True(entry.Covers(spring)); // spring (brand acme) has anna
        Assert.False((entry with { Creator = "zoe" }).Covers(spring));
        Assert.Equal(403, ring.Check("c", spring, spring.CampaignId).StatusCode);
        Assert.Equal(403, ring.Check("c", spring, spring.CampaignId, creatorId: "someone-else").StatusCode);
        Assert.Equal(200, ring.Check("c", spring, spring.CampaignId, creatorId: "anna").StatusCode);
        Assert.Equal(403, ring.Check("c", null, "nowhere", creatorId: "anna").StatusCode); // not 404: a creator learns nothing of other campaigns
    }

    [Theory]
    [InlineData("\"role\":\"admin\",\"name\":\"x\"", "keys[0].role")]
    [InlineData("\"role\":\"approver\"", "keys[0].name")]
    [InlineData("\"name\":\" \"", "keys[0].name")]
    [InlineData("\"creator\":\"\"", "keys[0].creator")]
    [InlineData("\"creator\":\" anna\"", "keys[0].creator")]
    [InlineData("\"creator\":\"anna\",\"campaigns\":[\"spring\"],\"role\":\"approver\",\"name\":\"Anna\"", "keys[0].role")]
    [InlineData("\"creator\":\"anna\"", "keys[0].creator")]
    [InlineData("\"creator\":null,\"campaigns\":[\"spring\"]", "keys[0].creator")]
    [InlineData("\"creator\":7,\"campaigns\":[\"spring\"]", "keys[0].creator")]
    [InlineData("\"creator_id\":\"anna\"", "keys[0].creator_id")]
    public void Load_ABadRoleOrNameless_Approver_IsRefusedNamingTheField(string fields, string field)
    {
        using var dir = new TempDirectory("api-keys-");
        var path = dir.Combine("keys.json");
        File.WriteAllText(path, $$"""{"keys":[{"sha256":"{{Convert.ToHexStringLower(ApiKeyRing.Hash("a"))}}",{{fields}}}]}""");

        var error = Assert.Throws<ConfigurationException>(() => ApiKeyFile.Load(path));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Load_TheSameKeyTwice_IsRefused()
    {
        using var dir = new TempDirectory("api-keys-");
        var path = dir.Combine("keys.json");
        var hash = Convert.ToHexStringLower(ApiKeyRing.Hash("a"));
        File.WriteAllText(path, $$"""{"keys":[{"sha256":"{{hash}}","campaigns":["spring"]},{"sha256":"{{hash.ToUpperInvariant()}}"}]}""");

        var error = Assert.Throws<ConfigurationException>(() => ApiKeyFile.Load(path));

        Assert.Equal("keys[1].sha256", error.Field);
    }

    private static IEnumerable<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        while (pending.TryPop(out var value))
        {
            if (!seen.Add(value))
            {
                continue;
            }

            yield return value;
            if (value is string or byte[])
            {
                continue;
            }

            var children = value is System.Collections.IEnumerable list
                ? list.Cast<object?>()
                : value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.GetValue(value));
            foreach (var child in children)
            {
                if (child is not null && !child.GetType().IsPrimitive)
                {
                    pending.Push(child);
                }
            }
        }
    }
}
