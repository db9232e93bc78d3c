using System.Text.Json.Serialization;

namespace CreatorStream.Core.Configuration;

/// <summary>What a creator costs (docs/design.md, "Metrics"): fixed parts plus a commission on attributed revenue.</summary>
public sealed record CreatorCosts
{
    public double FlatFee { get; set; }
    public double Product { get; set; }
    public double Production { get; set; }
    public double Shipping { get; set; }
    public double AgencyFee { get; set; }
    public double CommissionRate { get; set; }

    /// <summary>The costs that do not depend on revenue. Derived, so never written to or read from JSON.</summary>
    [JsonIgnore]
    public double Fixed => FlatFee + Product + Production + Shipping + AgencyFee;
}
