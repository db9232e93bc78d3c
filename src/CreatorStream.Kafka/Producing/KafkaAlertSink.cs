using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Alerts;
using CreatorStream.Kafka.Telemetry;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Kafka.Producing;

/// <summary>
/// Publishes alerts to <c>creatorstream.alerts</c>, keyed by campaign id, as JSON with snake_case fields. Written before
/// the batch's state commit (<see cref="BatchCommitter"/>), so a crash between the two publishes an alert twice, never
/// loses it; consumers de-duplicate on <c>alert_id</c>.
/// </summary>
public sealed class KafkaAlertSink(IProducer<byte[], byte[]> producer) : IAlertSink
{
    public async Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        await Task.WhenAll(alerts.Select(alert => producer.ProduceAsync(
            Topics.Alerts,
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(alert.CampaignId), Value = AlertJson.Write(alert) },
            cancellationToken)));
        KafkaInstruments.CountOut(Topics.Alerts, alerts.Count);
    }
}
