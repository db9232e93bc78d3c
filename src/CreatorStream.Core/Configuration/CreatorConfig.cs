namespace CreatorStream.Core.Configuration;

/// <summary>A creator paid by the campaign, with the promo codes and tracked links that belong to them.</summary>
public sealed record CreatorConfig
{
    public string CreatorId { get; init; } = "";
    public string Name { get; init; } = "";
    public List<string> PromoCodes { get; init; } = [];
    public List<string> Links { get; init; } = [];
    public CreatorCosts Costs { get; init; } = new();
}
