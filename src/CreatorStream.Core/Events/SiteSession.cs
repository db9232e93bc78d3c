namespace CreatorStream.Core.Events;

/// <summary>
/// A visit to the brand's site as its analytics saw it (topic <c>creatorstream.sessions</c>), reported when it ended.
/// It joins the creator's click that started it, by <see cref="ClickEventId"/> or else by <see cref="LinkId"/>, in the
/// brand task (docs/design.md, "Outcomes", referral quality).
/// </summary>
public sealed record SiteSession : StreamEvent
{
    /// <summary>The brand whose site it is: routes the session to the brand task that holds the user's clicks.</summary>
    public required string BrandId { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The <c>event_id</c> of the click that started the visit, when the landing URL carried it.</summary>
    public string? ClickEventId { get; init; }

    /// <summary>The tracked link the visit landed from, when known (the join when there is no click id).</summary>
    public string? LinkId { get; init; }

    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }
    public string? UtmContent { get; init; }

    /// <summary>Where the site's analytics said the visit came from, when it says (kept; no figure reads it yet).</summary>
    public ReferrerClass? ReferrerClass { get; init; }

    /// <summary>When the visit began (ms since the epoch, UTC); at or before <see cref="StreamEvent.Ts"/>.</summary>
    public required long StartedAt { get; init; }

    public required long DurationMs { get; init; }

    public required int Pageviews { get; init; }

    /// <summary>Whether the site counted the visit as a bounce (its own rule: one page, no interaction).</summary>
    public required bool Bounced { get; init; }

    public override EventType Type => EventType.Session;
}
