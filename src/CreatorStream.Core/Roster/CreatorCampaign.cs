using System.Text.Json.Serialization;

namespace CreatorStream.Core.Roster;

/// <summary>
/// One creator's figures to date in one campaign, as the store holds them (docs/design.md, "Roster"): credit under the
/// campaign's own reporting model, cost as the campaign file gives it. Engagements judged are the authentic and the
/// inauthentic ones (those still awaiting a judgement are left out). Immutable.
/// </summary>
public sealed record CreatorCampaign
{
    public string CampaignId { get; init; } = "";

    public string CampaignName { get; init; } = "";

    public string Currency { get; init; } = "";

    /// <summary>The campaign's reporting model, under which <see cref="Conversions"/> and <see cref="Revenue"/> are credited.</summary>
    public string Model { get; init; } = "";

    public long? FirstEventTs { get; init; }

    public long? LastEventTs { get; init; }

    /// <summary>The costs that do not depend on revenue (fees, product, production, shipping, agency).</summary>
    public double FixedCost { get; init; }

    public double CommissionRate { get; init; }

    public double Conversions { get; init; }

    public double Revenue { get; init; }

    public long Reach { get; init; }

    public long AuthenticEngagements { get; init; }

    public long InauthenticEngagements { get; init; }

    public double Cost => FixedCost + (CommissionRate * Revenue);

    public double? Roi => Cost > 0 ? (Revenue - Cost) / Cost : null;

    public double? Cpa => Conversions >= Metrics.Ratio.CreditResidue ? Cost / Conversions : null;

    /// <summary>Authentic engagements among those judged; null before any was judged.</summary>
    public double? AuthenticShare => AuthenticEngagements + InauthenticEngagements is var judged and > 0 ? (double)AuthenticEngagements / judged : null;

    /// <summary>When the creator was last active in the campaign (else first): campaigns are ordered by it, oldest first.</summary>
    [JsonIgnore]
    public long When => LastEventTs ?? FirstEventTs ?? long.MinValue;
}
