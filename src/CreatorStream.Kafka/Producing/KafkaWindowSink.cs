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
/// JSON: scope, ids, window bounds, counts, reach, <c>correction</c>, the watermark, the <c>version</c> of the batch
/// that closed it (<see cref="BatchResult.OutputVersion"/>) and its <c>sequence</c> in that batch's windows (one batch
/// may close a window and correct it twice). A window may be published again (a crash before its batch's commit, or a
/// worker that lost its partition without noticing): consumers keep, per scope, ids and <c>window_start</c>, the one
/// with the highest (version, sequence).
/// </summary>
public sealed class KafkaWindowSink(IProducer<byte[], byte[]> producer) : IWindowSink
{
    public async Task PublishAsync(IReadOnlyList<ClosedWindow> windows, long version, CancellationToken cancellationToken)
    {
        await Task.WhenAll(windows.Select((window, sequence) => producer.ProduceAsync(
            Topics.Metrics,
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(window.Key.CampaignId), Value = ToJson(window, version, sequence) },
            cancellationToken)));
        KafkaInstruments.CountOut(Topics.Metrics, windows.Count);
    }

    public static byte[] ToJson(ClosedWindow window, long version, int sequence)
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
            writer.WriteNumber("version", version);
            writer.WriteNumber("sequence", sequence);
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
