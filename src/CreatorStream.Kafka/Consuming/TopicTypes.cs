using CreatorStream.Core.Events;

namespace CreatorStream.Kafka.Consuming;

/// <summary>Which event type each ingest topic carries, and back.</summary>
public static class TopicTypes
{
    public static string TopicOf(EventType type) => type switch
    {
        EventType.Impression => Topics.Impressions,
        EventType.Engagement => Topics.Engagements,
        EventType.Click => Topics.Clicks,
        _ => Topics.Conversions,
    };

    /// <summary>The event type of an ingest topic, and its interned name (so records share one string).</summary>
    public static (EventType Type, string Topic)? Of(string topic) => topic switch
    {
        Topics.Impressions => (EventType.Impression, Topics.Impressions),
        Topics.Engagements => (EventType.Engagement, Topics.Engagements),
        Topics.Clicks => (EventType.Click, Topics.Clicks),
        Topics.Conversions => (EventType.Conversion, Topics.Conversions),
        _ => null,
    };
}
