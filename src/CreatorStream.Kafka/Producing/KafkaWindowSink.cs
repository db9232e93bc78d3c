using System.Buffers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Telemetry;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Kafka.Producing;

/// <summary>
/// Publishes closed one-minute windows (and corrections) to <c>creatorstream.metrics</c>, keyed by campaign id, as
/// JSON: scope, ids, window bounds, counts, reach, <c>correction</c> and the watermark. These are derived data:
/// after a crash a window may be published again, and consumers keep the latest per key and window.
/// </summary>
public sealed class KafkaWindowSink(IProducer<byte[], byte[]> producer) : IWindowSink
{
    public async Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
    {
        await Task.WhenAll(windows.Select(window => producer.ProduceAsync(
            Topics.Metrics,
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(window.Key.CampaignId), Value = ToJson(window) },
            cancellationToken)));
        KafkaInstruments.CountOut(Topics.Metrics, windows.Count);
    }

    public static byte[] ToJson(ClosedWindow window)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var key = window.Key;
            var counters = window.Counters;
            writer.WriteStartObject();
            writer.WriteString("scope", key.Scope.ToString().ToLowerInvariant());
            writer.WriteString("campaign_id", key.CampaignId);
            WriteIfPresent(writer, "creator_id", key.CreatorId);
            WriteIfPresent(writer, "content_id", key.ContentId);
            if (key.Scope == AggregateScope.Content)
            {
                writer.WriteString("platform", WireNames.Of(key.Platform));
            }

            writer.WriteNumber("window_start", key.BucketStart);
            writer.WriteNumber("window_end", key.BucketStart + Core.Windows.EventTime.BucketMs);
            writer.WriteNumber("impressions", counters.Impressions);
            writer.WriteNumber("reach", window.Reach);
            writer.WriteStartObject("engagements");
            foreach (var kind in Enum.GetValues<EngagementKind>())
            {
                writer.WriteNumber(WireNames.Of(kind), counters[kind]);
            }

            writer.WriteNumber("total", counters.Engagements);
            writer.WriteEndObject();
            writer.WriteNumber("authentic_engagements", counters.AuthenticEngagements);
            writer.WriteNumber("inauthentic_engagements", counters.InauthenticEngagements);
            writer.WriteNumber("clicks", counters.Clicks);
            writer.WriteNumber("inauthentic_clicks", counters.InauthenticClicks);
            writer.WriteNumber("comments_positive", counters.CommentsPositive);
            writer.WriteNumber("comments_neutral", counters.CommentsNeutral);
            writer.WriteNumber("comments_negative", counters.CommentsNegative);
            writer.WriteNumber("comments_meaningful", counters.CommentsMeaningful);
            writer.WriteNumber("brand_mentions", counters.BrandMentions);
            writer.WriteNumber("conversions", counters.Conversions);
            writer.WriteNumber("visits", counters.Visits);
            writer.WriteNumber("dwell_clicks", counters.DwellClicks);
            writer.WriteNumber("dwell_ms", counters.DwellMs);
            writer.WriteNumber("paged_clicks", counters.PagedClicks);
            writer.WriteNumber("pages", counters.Pages);
            writer.WriteNumber("bounces", counters.Bounces);
            writer.WriteNumber("click_engaged_ms", counters.ClickEngagedMs);
            writer.WriteNumber("sessions", counters.SiteSessions);
            writer.WriteNumber("session_ms", counters.SessionMs);
            writer.WriteNumber("session_pages", counters.SessionPages);
            writer.WriteNumber("session_bounces", counters.SessionBounces);
            writer.WriteNumber("session_engaged_ms", counters.SessionEngagedMs);
            writer.WriteBoolean("correction", window.IsCorrection);
            writer.WriteNumber("watermark", window.Watermark);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }
}
