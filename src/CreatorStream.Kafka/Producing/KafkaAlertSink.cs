using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CreatorStream.Core.Alerts;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Kafka.Producing;

/// <summary>
/// Publishes alerts to <c>creatorstream.alerts</c>, keyed by campaign id, as JSON with snake_case fields. A crash
/// between the state commit and this write can publish an alert twice; consumers de-duplicate on <c>alert_id</c>.
/// </summary>
public sealed class KafkaAlertSink(IProducer<byte[], byte[]> producer) : IAlertSink
{
    public Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) =>
        Task.WhenAll(alerts.Select(alert => producer.ProduceAsync(
            Topics.Alerts,
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(alert.CampaignId), Value = ToJson(alert) },
            cancellationToken)));

    public static byte[] ToJson(Alert alert)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
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
}
