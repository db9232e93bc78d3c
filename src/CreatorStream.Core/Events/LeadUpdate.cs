namespace CreatorStream.Core.Events;

/// <summary>
/// The brand's CRM saying where an earlier <c>lead</c> conversion stands (topic <c>creatorstream.lead-updates</c>). It
/// joins the lead by (<see cref="BrandId"/>, <see cref="OrderId"/>), as a refund joins its order; the newest update by
/// event time wins (docs/design.md, "Outcomes", leads).
/// </summary>
public sealed record LeadUpdate : StreamEvent
{
    public required string BrandId { get; init; }

    /// <summary>The <c>order_id</c> of the lead conversion.</summary>
    public required string OrderId { get; init; }

    public required LeadStatus Status { get; init; }

    /// <summary>The CRM's score of the lead, when it sends one (kept as given; no figure reads it yet).</summary>
    public decimal? Score { get; init; }

    /// <summary>Whether the lead counts as qualified: qualified or won.</summary>
    public static bool IsQualified(LeadStatus status) => status is LeadStatus.Qualified or LeadStatus.Won;

    public override EventType Type => EventType.LeadUpdate;
}
