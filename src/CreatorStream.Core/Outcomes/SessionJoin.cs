namespace CreatorStream.Core.Outcomes;

/// <summary>How a site session found the click that started it (docs/design.md, "Outcomes", referral quality).</summary>
public enum SessionJoin : byte
{
    /// <summary>The user's click with the session's <c>click_event_id</c>.</summary>
    ByClickId,

    /// <summary>No click id: the user's latest click of the creator the session's <c>link_id</c> belongs to, in the half hour before the session began.</summary>
    ByLink,

    /// <summary>No click id and no such click: not (as far as anyone can tell) a creator's visit.</summary>
    Unmatched,

    /// <summary>A <c>click_event_id</c> naming no click of the user at or before the session: a dead letter (<c>UNKNOWN_CLICK</c>).</summary>
    UnknownClick,
}
