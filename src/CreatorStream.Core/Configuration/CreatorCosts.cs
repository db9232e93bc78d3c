namespace CreatorStream.Core.Configuration;

/// <summary>What a creator costs (DESIGN.md section 4): fixed parts plus a commission on attributed revenue.</summary>
public sealed record CreatorCosts
{
    public double FlatFee { get; init; }
    public double Product { get; init; }
    public double Production { get; init; }
    public double Shipping { get; init; }
    public double AgencyFee { get; init; }
    public double CommissionRate { get; init; }

    public double Fixed => FlatFee + Product + Production + Shipping + AgencyFee;
}
