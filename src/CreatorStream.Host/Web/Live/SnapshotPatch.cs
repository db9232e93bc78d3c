using System.Text.Json.Nodes;

namespace CreatorStream.Host.Web.Live;

/// <summary>
/// The difference between two snapshots as the hub sends it (docs/design.md, "Serving"): only what changed. Pure.
/// <list type="bullet">
/// <item>An object becomes the properties whose values changed; an object value that changed is itself a patch, applied
/// to the value the client holds (a null there takes the patch whole, since a patch from nothing lists everything).</item>
/// <item>A list of rows with an identity (<see cref="KeyedLists"/>: creators by id, minutes by start) becomes
/// <c>{"$key": [fields], "$upsert": [rows], "$remove": [keys]}</c>: each upserted row is its key fields plus its changed
/// fields (a new row: all of them), and each removed row its key (one value, or a list for a compound key).</item>
/// <item>Any other value that changed is sent whole; <c>null</c> is a value, not a removal (snapshots have a fixed shape).</item>
/// </list>
/// Values compare by their JSON text, which the serializer writes the same way for the same value.
/// </summary>
public static class SnapshotPatch
{
    /// <summary>Lists whose rows have an identity, by property name, with the fields that make it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KeyedLists = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["creators"] = ["creator_id"],
        ["series"] = ["start"],
    };

    /// <summary>The patch that turns <paramref name="before"/> into <paramref name="after"/>, or null when nothing changed.</summary>
    public static JsonObject? Diff(JsonObject before, JsonObject after, IReadOnlySet<string>? ignored = null)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in after)
        {
            if (ignored?.Contains(name) == true)
            {
                continue;
            }

            if (!before.TryGetPropertyValue(name, out var old))
            {
                patch[name] = value?.DeepClone();
                continue;
            }

            if (Same(old, value))
            {
                continue;
            }

            patch[name] = (old, value) switch
            {
                (JsonArray oldRows, JsonArray newRows) when KeyedLists.TryGetValue(name, out var key) => DiffRows(oldRows, newRows, key),
                (JsonObject oldObject, JsonObject newObject) => Diff(oldObject, newObject),
                _ => value?.DeepClone(),
            };
        }

        return patch.Count == 0 ? null : patch;
    }

    private static JsonObject DiffRows(JsonArray before, JsonArray after, string[] key)
    {
        var old = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var row in before.OfType<JsonObject>())
        {
            old[KeyOf(row, key)] = row;
        }

        var upsert = new JsonArray();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in after.OfType<JsonObject>())
        {
            var id = KeyOf(row, key);
            kept.Add(id);
            if (!old.TryGetValue(id, out var previous))
            {
                upsert.Add(row.DeepClone());
            }
            else if (Diff(previous, row) is { } changed)
            {
                // The key fields first, so the client can find the row the change is for.
                var entry = new JsonObject();
                foreach (var field in key)
                {
                    entry[field] = row[field]?.DeepClone();
                }

                foreach (var (name, value) in changed)
                {
                    entry[name] = value?.DeepClone();
                }

                upsert.Add(entry);
            }
        }

        var remove = new JsonArray();
        foreach (var (id, row) in old)
        {
            if (!kept.Contains(id))
            {
                remove.Add(key.Length == 1 ? row[key[0]]?.DeepClone() : new JsonArray([.. key.Select(f => row[f]?.DeepClone())]));
            }
        }

        return new JsonObject
        {
            ["$key"] = new JsonArray([.. key.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["$upsert"] = upsert,
            ["$remove"] = remove,
        };
    }

    private static string KeyOf(JsonObject row, string[] key) => string.Join('\u001f', key.Select(f => row[f]?.ToJsonString() ?? "null"));

    private static bool Same(JsonNode? a, JsonNode? b) => a is null ? b is null : b is not null && JsonNode.DeepEquals(a, b);
}
