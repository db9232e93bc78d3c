using System.Text.Json.Nodes;

namespace CreatorStream.Host.Collect;

/// <summary>Reads what sites and stores send: a member that is a non-empty string, or null.</summary>
internal static class JsonText
{
    public static string? Of(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;
}
