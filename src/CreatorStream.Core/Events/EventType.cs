namespace CreatorStream.Core.Events;

/// <summary>The ingest event types; each has its own topic, and the <c>type</c> field in JSON Lines files.</summary>
public enum EventType : byte
{
    Impression,
    Engagement,
    Click,
    Conversion,

    /// <summary>A lead's status from the brand's CRM (<see cref="Events.LeadUpdate"/>).</summary>
    LeadUpdate,

    /// <summary>A visit to the brand's site (<see cref="SiteSession"/>).</summary>
    Session,

    /// <summary>A creator's post published, edited or deleted (<see cref="PostEvent"/>).</summary>
    Post,

    /// <summary>A platform's insight export for one post and day: aggregate figures, not a person's act (docs/design.md, "Collector").</summary>
    Insight,
}
