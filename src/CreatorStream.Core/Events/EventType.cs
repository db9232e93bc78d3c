namespace CreatorStream.Core.Events;

/// <summary>The four ingest event types; each has its own topic, and the <c>type</c> field in JSON Lines files.</summary>
public enum EventType : byte
{
    Impression,
    Engagement,
    Click,
    Conversion,
}
