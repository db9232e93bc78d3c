using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Collect;

/// <summary>
/// A brand's site: the write key's SHA-256, the brand its events belong to, the origins its pages run on (normalised:
/// <see cref="SiteKeys.Origin"/>), and whether it may report conversions (a site whose store sends signed webhooks
/// should not: its write key is in every page, so anyone can report an order with it).
/// </summary>
public sealed record SiteKey(string SiteId, byte[] Sha256, string BrandId, IReadOnlySet<string> Origins, bool AcceptsConversions = true);

/// <summary>A brand's store: the secret its order webhooks are signed with, and the brand its orders belong to.</summary>
public sealed record StoreSecret(string StoreId, string BrandId, byte[] Secret);

/// <summary>
/// The collector's credentials (docs/design.md, "Collector"): write keys of sites and webhook secrets of stores, from a
/// JSON file <c>{"sites":[{"site_id","key_sha256","brand_id","origins":[…],"accept_conversions"}],"stores":[{"store_id",
/// "brand_id","secret_file"|"secret_env"}]}</c>. A write key only writes, and only its brand's events: it is never a dashboard key
/// (those are in <see cref="Web.ApiKeyRing"/>, which knows nothing of these). Secrets in clear never sit in the file.
/// </summary>
public sealed class SiteKeys
{
    private readonly Dictionary<string, SiteKey> _byHash;
    private readonly Dictionary<string, StoreSecret> _stores;

    public SiteKeys(IEnumerable<SiteKey> sites, IEnumerable<StoreSecret> stores)
    {
        Sites = [.. sites];
        _byHash = Sites.ToDictionary(s => Convert.ToHexString(s.Sha256), StringComparer.Ordinal);
        _stores = stores.ToDictionary(s => s.StoreId, StringComparer.Ordinal);
    }

    public IReadOnlyList<SiteKey> Sites { get; }

    public IReadOnlyCollection<StoreSecret> Stores => _stores.Values;

    /// <summary>Every origin any site names: the collector's CORS policy (each key is then held to its own).</summary>
    public IReadOnlyList<string> AllOrigins => [.. Sites.SelectMany(s => s.Origins).Distinct(StringComparer.Ordinal)];

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The site whose write key this is, or null (compared by hash: the key in clear is never kept).</summary>
    public SiteKey? Find(string? key) =>
        string.IsNullOrEmpty(key) ? null : _byHash.GetValueOrDefault(Convert.ToHexString(Hash(key)));

    public StoreSecret? Store(string storeId) => _stores.GetValueOrDefault(storeId);

    /// <summary>
    /// An origin as browsers send it in <c>Origin</c>: scheme and host in lower case, the port only when not the
    /// scheme's default (<c>https://Shop.example:443</c> is <c>https://shop.example</c>); null when it is not one.
    /// </summary>
    public static string? Origin(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>Loads and checks the file; every brand must have a configured campaign.</summary>
    /// <exception cref="ConfigurationException">The file is missing or malformed, naming the field.</exception>
    public static SiteKeys Load(string path, CampaignCatalog catalog, Func<string, string?>? environment = null)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException("site-keys", $"file '{path}' does not exist");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ConfigurationException("site-keys", $"'{path}' is not JSON: {e.Message}");
        }

        using (document)
        {
            return Parse(document.RootElement, catalog, Path.GetDirectoryName(Path.GetFullPath(path))!, environment ?? Environment.GetEnvironmentVariable);
        }
    }

    private static SiteKeys Parse(JsonElement root, CampaignCatalog catalog, string directory, Func<string, string?> environment)
    {
        var brands = catalog.Campaigns.Select(c => c.BrandId).ToHashSet(StringComparer.Ordinal);
        var sites = new List<SiteKey>();
        var stores = new List<StoreSecret>();
        foreach (var (entry, at) in Entries(root, "sites"))
        {
            var id = Text(entry, at, "site_id");
            var hex = Text(entry, at, "key_sha256");
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new ConfigurationException($"{at}.key_sha256", "must be the 64 hex digits of the write key's SHA-256 (printf %s KEY | sha256sum)");
            }

            var origins = new HashSet<string>(StringComparer.Ordinal);
            if (entry.TryGetProperty("origins", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var origin in list.EnumerateArray())
                {
                    var text = origin.GetString() ?? "";
                    if (Origin(text) is not { } normal || text.EndsWith('/'))
                    {
                        throw new ConfigurationException($"{at}.origins", $"'{text}' is not an origin (scheme://host[:port], no path)");
                    }

                    origins.Add(normal);
                }
            }

            var conversions = !entry.TryGetProperty("accept_conversions", out var accept) || accept.ValueKind != JsonValueKind.False;
            sites.Add(new SiteKey(id, Convert.FromHexString(hex), Brand(entry, at, brands), origins, conversions));
        }

        foreach (var (entry, at) in Entries(root, "stores"))
        {
            var id = Text(entry, at, "store_id");
            var brand = Brand(entry, at, brands);
            stores.Add(new StoreSecret(id, brand, Secret(entry, at, directory, environment)));
        }

        if (sites.Count == 0 && stores.Count == 0)
        {
            throw new ConfigurationException("site-keys", "the file names no site and no store");
        }

        Unique(sites.Select(s => s.SiteId), "sites", "site_id");
        Unique(sites.Select(s => Convert.ToHexString(s.Sha256)), "sites", "key_sha256");
        Unique(stores.Select(s => s.StoreId), "stores", "store_id");
        return new SiteKeys(sites, stores);
    }

    private static IEnumerable<(JsonElement Entry, string At)> Entries(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException("site-keys", "the file must be a JSON object with 'sites' and/or 'stores'");
        }

        if (!root.TryGetProperty(name, out var list))
        {
            yield break;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigurationException(name, "must be an array");
        }

        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            yield return (entry, $"{name}[{index++}]");
        }
    }

    private static string Text(JsonElement entry, string at, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ConfigurationException($"{at}.{name}", "is required (a non-empty string)");

    private static string Brand(JsonElement entry, string at, HashSet<string> brands)
    {
        var brand = Text(entry, at, "brand_id");
        return brands.Contains(brand) ? brand : throw new ConfigurationException($"{at}.brand_id", $"brand '{brand}' has no configured campaign");
    }

    private static byte[] Secret(JsonElement entry, string at, string directory, Func<string, string?> environment)
    {
        string? secret;
        if (entry.TryGetProperty("secret_file", out var file) && file.GetString() is { Length: > 0 } path)
        {
            var full = Path.Combine(directory, path);
            secret = File.Exists(full) ? File.ReadAllText(full).Trim() : throw new ConfigurationException($"{at}.secret_file", $"file '{full}' does not exist");
        }
        else if (entry.TryGetProperty("secret_env", out var variable) && variable.GetString() is { Length: > 0 } name)
        {
            secret = environment(name) ?? throw new ConfigurationException($"{at}.secret_env", $"environment variable {name} is not set");
        }
        else
        {
            throw new ConfigurationException(at, "needs 'secret_file' or 'secret_env': where the webhook signing secret is (never the secret itself)");
        }

        return secret.Length >= 16 ? Encoding.UTF8.GetBytes(secret) : throw new ConfigurationException($"{at}.secret", "the webhook secret must be at least 16 characters");
    }

    private static void Unique(IEnumerable<string> values, string list, string field)
    {
        if (values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ConfigurationException($"{list}.{field}", $"'{twice.Key}' appears more than once");
        }
    }
}
