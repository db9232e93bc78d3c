using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreatorStream.Core.Alerts;

/// <summary>
/// An alert on the wire and at rest: one JSON object with snake_case fields, the shape of <c>creatorstream.alerts</c>.
/// Writing then reading gives an equal alert (details compared as JSON). Stateless and thread-safe.
/// </summary>
public static class AlertJson
{
    public static byte[] Write(Alert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alert_id", alert.AlertId);
            writer.WriteString("kind", alert.Kind);
            writer.WriteString("campaign_id", alert.CampaignId);
            writer.WriteString("creator_id", alert.CreatorId);
            writer.WriteString("content_id", alert.ContentId);
            writer.WriteNumber("window_start", alert.WindowStart);
            writer.WriteNumber("window_end", alert.WindowEnd);
            writer.WriteNumber("detected_at", alert.DetectedAtMs);
            writer.WritePropertyName("details");
            alert.Details.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="JsonException">The bytes are not an alert written by <see cref="Write"/>.</exception>
    public static Alert Read(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("an alert is a JSON object");
        return new Alert
        {
            AlertId = Required(node, "alert_id").GetValue<string>(),
            Kind = Required(node, "kind").GetValue<string>(),
            CampaignId = Required(node, "campaign_id").GetValue<string>(),
            CreatorId = Required(node, "creator_id").GetValue<string>(),
            ContentId = node["content_id"]?.GetValue<string>(),
            WindowStart = Required(node, "window_start").GetValue<long>(),
            WindowEnd = Required(node, "window_end").GetValue<long>(),
            DetectedAtMs = Required(node, "detected_at").GetValue<long>(),
            Details = Required(node, "details").DeepClone().AsObject(),
        };
    }

    private static JsonNode Required(JsonObject node, string name) =>
        node[name] ?? throw new JsonException($"an alert needs '{name}'");
}
