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

    public bool IsRefund => Value < 0;

    public override EventType Type => EventType.Conversion;
}
