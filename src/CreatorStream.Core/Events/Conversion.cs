namespace CreatorStream.Core.Events;

/// <summary>
/// A purchase, signup, lead, download or install on the brand's side (topic <c>creatorstream.conversions</c>).
/// A negative <see cref="Value"/> is a refund of the earlier conversion with the same <see cref="OrderId"/>.
/// </summary>
public sealed record Conversion : StreamEvent
{
    public required string BrandId { get; init; }
    public required string OrderId { get; init; }
    public required ConversionKind Kind { get; init; }
    public required decimal Value { get; init; }
    public required string Currency { get; init; }
    public string? CampaignId { get; init; }
    public string? PromoCode { get; init; }
    public string? LinkId { get; init; }

    /// <summary>The brand's own id for the customer, when the store sends it.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Whether this was the customer's first order with the brand, when the store knows (null: not said).</summary>
    public bool? IsNewCustomer { get; init; }

    /// <summary>Where the buyer was (an ISO 3166 code as the store gives it), when the store says: the holdout group and the code-leak check read it.</summary>
    public string? Country { get; init; }

    /// <summary>The class of the site that referred the order, when the store or the snippet knows (docs/design.md, "Estimates").</summary>
    public ReferrerClass? ReferrerClass { get; init; }

    public bool IsRefund => Value < 0;

    public override EventType Type => EventType.Conversion;
}
