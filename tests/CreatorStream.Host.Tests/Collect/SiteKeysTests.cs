using CreatorStream.Core.Configuration;
using CreatorStream.Host.Collect;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>The collector's credentials file: a good one read, and each kind of mistake stopping start-up naming its field.</summary>
public sealed class SiteKeysTests
{
    private static readonly string Hash = Convert.ToHexString(SiteKeys.Hash(CollectTestKeys.WriteKey)).ToLowerInvariant();

    [Fact]
    public void AGoodFile_FindsTheSiteByItsKey_AndTheStoreWithItsSecretFromAFileBesideIt()
    {
        using var directory = new TempDirectory("site-keys-");
        File.WriteAllText(directory.Combine("secret"), CollectTestKeys.StoreSecret + "\n");
        var keys = Load(directory, $$"""{"sites":[{"site_id":"web","key_sha256":"{{Hash}}","brand_id":"acme","origins":["https://shop.acme.test","http://127.0.0.1:8080"]}],"stores":[{"store_id":"shop","brand_id":"acme","secret_file":"secret"}]}""");

        Assert.Equal("web", keys.Find(CollectTestKeys.WriteKey)?.SiteId);
        Assert.Null(keys.Find("another key"));
        Assert.Null(keys.Find(null));
        Assert.Equal(CollectTestKeys.StoreSecret, System.Text.Encoding.UTF8.GetString(keys.Store("shop")!.Secret));
        Assert.Equal(["https://shop.acme.test", "http://127.0.0.1:8080"], keys.AllOrigins);
    }

    [Theory]
    [InlineData("""{"sites":[{"site_id":"web","key_sha256":"abc","brand_id":"acme"}]}""", "sites[0].key_sha256")]
    [InlineData("""{"sites":[{"site_id":"web","key_sha256":"HASH","brand_id":"nobody"}]}""", "sites[0].brand_id")]
    [InlineData("""{"sites":[{"key_sha256":"HASH","brand_id":"acme"}]}""", "sites[0].site_id")]
    [InlineData("""{"sites":[{"site_id":"web","key_sha256":"HASH","brand_id":"acme","origins":["https://shop.acme.test/path"]}]}""", "sites[0].origins")]
    [InlineData("""{"sites":[{"site_id":"web","key_sha256":"HASH","brand_id":"acme"},{"site_id":"web2","key_sha256":"HASH","brand_id":"acme"}]}""", "sites.key_sha256")]
    [InlineData("""{"stores":[{"store_id":"shop","brand_id":"acme"}]}""", "stores[0]")]
    [InlineData("""{"stores":[{"store_id":"shop","brand_id":"acme","secret_env":"CREATORSTREAM_TEST_UNSET_SECRET"}]}""", "stores[0].secret_env")]
    [InlineData("""{"stores":[{"store_id":"shop","brand_id":"acme","secret_file":"missing"}]}""", "stores[0].secret_file")]
    [InlineData("""{"sites":[]}""", "site-keys")]
    [InlineData("""[1]""", "site-keys")]
    [InlineData("""{not json""", "site-keys")]
    public void AMistake_StopsStartUp_NamingItsField(string json, string field)
    {
        using var directory = new TempDirectory("site-keys-");

        var error = Assert.Throws<ConfigurationException>(() => Load(directory, json.Replace("HASH", Hash, StringComparison.Ordinal)));

        Assert.Equal(field, error.Field);
    }

    private static SiteKeys Load(TempDirectory directory, string json)
    {
        var path = directory.Combine("keys.json");
        File.WriteAllText(path, json);
        return SiteKeys.Load(path, TestCampaigns.Spring(), _ => null);
    }
}
