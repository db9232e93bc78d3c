namespace CreatorStream.Core.Content;

/// <summary>
/// A finding of the compliance rules on one post, with its evidence (docs/design.md, "Content", compliance). The stream
/// raises it and clears it when a later edit fixes the post; people review it (<see cref="FlagReview"/>), and nothing is
/// ever decided for them. Immutable.
/// </summary>
public sealed record ComplianceFlag
{
    public required string FlagId { get; init; }

    /// <summary>One of <see cref="ComplianceKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required string Platform { get; init; }
    public required string ContentId { get; init; }

    /// <summary>Event time of the post or click that first raised it.</summary>
    public required long RaisedAt { get; init; }

    /// <summary>Event time of the edit that fixed the post; null while the finding stands.</summary>
    public long? ClearedAt { get; init; }

    /// <summary>What was found, in a sentence a reviewer reads.</summary>
    public required string Summary { get; init; }

    public required ComplianceEvidence Evidence { get; init; }
}

/// <summary>The facts behind a flag; each kind fills the members it has.</summary>
public sealed record ComplianceEvidence
{
    /// <summary>The start of the caption (at most 200 characters), as posted.</summary>
    public string? CaptionExcerpt { get; init; }

    public bool? PaidPartnershipLabel { get; init; }

    /// <summary>The disclosure term found (a buried disclosure), and at which visible character it starts.</summary>
    public string? Term { get; init; }

    public int? TermPosition { get; init; }

    /// <summary>How many characters the platform's preview shows.</summary>
    public int? PreviewChars { get; init; }

    /// <summary>The link (a post's URL or a click's link id) that does not belong to the creator.</summary>
    public string? Link { get; init; }

    /// <summary>The creator the link belongs to, or null when it belongs to none of the campaign's.</summary>
    public string? LinkOwner { get; init; }

    /// <summary>Clicks through the link on this post (a click's mismatch; counted as they are observed).</summary>
    public long? Clicks { get; init; }

    /// <summary>What the post was expected to carry: the creator's tracked links and promo codes.</summary>
    public IReadOnlyList<string>? Expected { get; init; }
}
