namespace CreatorStream.Core.Configuration;

/// <summary>A creator paid by the campaign, with the promo codes and tracked links that belong to them.</summary>
public sealed record CreatorConfig
{
    public string CreatorId { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> PromoCodes { get; set; } = [];
    public List<string> Links { get; set; } = [];
    public CreatorCosts Costs { get; set; } = new();

    /// <summary>The posts the creator owes, each by a date (docs/design.md, "Content", deliverables); null when none are listed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<DeliverableConfig>? Deliverables { get; set; }

    /// <summary>
    /// The creator's commission plan (decision 0027: flat, percent, tiers, bounty, with a refund hold window); null when
    /// the creator earns none beyond <see cref="CreatorCosts.CommissionRate"/> inside the cost.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Commissions.CommissionPlan? Commission { get; set; }
}
