using System.Text.Json;
using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// API keys from configuration, hashed at rest: a JSON file
/// <c>{"keys":[{"sha256":"HEX","campaigns":["id"],"brands":["id"],"name":"who","role":"viewer|approver","creator":"id"}]}</c>
/// (a key with neither list covers every campaign; make a hash with <c>printf %s KEY | sha256sum</c>; an approver key may
/// also approve commission statements, and names the person in their audit trail; a key with a creator reads only that
/// creator's own figures, in the campaigns of its lists, which it must have, that have the creator; any other property
/// is refused, as is a key listed twice), and/or one all-campaign key in the environment variable
/// <see cref="KeyVariable"/>. Keys in clear never sit in a file of this repository.
/// </summary>
public static class ApiKeyFile
{
    public const string KeyVariable = "CREATORSTREAM_API_KEY";

    private static readonly string[] Properties = ["sha256", "campaigns", "brands", "name", "role", "creator"];

    /// <exception cref="ConfigurationException">The file is missing or malformed, or no key is configured at all.</exception>
    public static ApiKeyRing Load(string? path)
    {
        var entries = new List<ApiKeyEntry>();
        if (path is not null)
        {
            entries.AddRange(Read(path));
        }

        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key)
        {
            entries.Add(new ApiKeyEntry(ApiKeyRing.Hash(key), Campaigns: null, Brands: null));
        }

        return entries.Count > 0
            ? new ApiKeyRing(entries)
            : throw new ConfigurationException("api keys", $"no API key is configured: give --api-keys FILE or set {KeyVariable}");
    }

    private static IEnumerable<ApiKeyEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException("api-keys", $"file '{path}' does not exist");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigurationException("keys", "the API key file needs a 'keys' array");
        }

        var index = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in keys.EnumerateArray())
        {
            var at = $"keys[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException(at, "must be an object");
            }

            // A misspelt property would silently widen a key ("creator_id" ignored: a key for every creator), so none is ignored.
            foreach (var property in entry.EnumerateObject())
            {
                if (!Properties.Contains(property.Name))
                {
                    throw new ConfigurationException($"{at}.{property.Name}", $"is not a key property: use {string.Join(", ", Properties)}");
                }
            }

            var hex = entry.TryGetProperty("sha256", out var hash) ? hash.GetString() : null;
            if (hex is null || hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new ConfigurationException($"{at}.sha256", "must be the 64 hex digits of the key's SHA-256");
            }

            if (!seen.Add(hex))
            {
                throw new ConfigurationException($"{at}.sha256", "the same key is listed twice: which entry's rights would hold?");
            }

            var name = entry.TryGetProperty("name", out var named) ? named.GetString() : null;
            if (name is not null && (name.Trim().Length == 0 || name.Length > 100))
            {
                throw new ConfigurationException($"{at}.name", "must name the key's holder in 1 to 100 characters");
            }

            var role = entry.TryGetProperty("role", out var given) ? given.GetString() : ApiKeyRoles.Viewer;
            if (role is null || !ApiKeyRoles.All.Contains(role))
            {
                throw new ConfigurationException($"{at}.role", $"must be one of {string.Join(", ", ApiKeyRoles.All)}, not '{role}'");
            }

            if (role == ApiKeyRoles.Approver && name is null)
            {
                throw new ConfigurationException($"{at}.name", "an approver key must name its holder: approvals say who made them");
            }

            var creator = entry.TryGetProperty("creator", out var scoped) ? scoped : (JsonElement?)null;
            if (creator is { } scopedTo && (scopedTo.ValueKind != JsonValueKind.String || scopedTo.GetString() is not { } id || id.Trim().Length == 0 || id != id.Trim()))
            {
                throw new ConfigurationException($"{at}.creator", "must be a creator id as the campaign file spells it");
            }

            // Creator ids are unique within a campaign only: a key for "anna" everywhere could show another brand's Anna.
            if (creator is not null && !entry.TryGetProperty("campaigns", out _) && !entry.TryGetProperty("brands", out _))
            {
                throw new ConfigurationException($"{at}.creator", "a creator's key must also list the campaigns or brands it covers: creator ids are unique only within a campaign");
            }

            if (creator is not null && role == ApiKeyRoles.Approver)
            {
                throw new ConfigurationException($"{at}.role", "a creator's key cannot approve: statements are decided by the brand's side, not by the creator they pay");
            }

            yield return new ApiKeyEntry(Convert.FromHexString(hex), Set(entry, "campaigns"), Set(entry, "brands"), name?.Trim(), role, creator?.GetString());
        }
    }

    private static IReadOnlySet<string>? Set(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.Ordinal)
            : null;
}
