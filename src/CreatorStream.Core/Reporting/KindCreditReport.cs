using System.Text.Json.Serialization;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// Conversions of one kind credited under one model, their revenue, how many were new customers, and for leads how many
/// the brand's CRM qualified and won (docs/design.md, "Outcomes").
/// </summary>
public sealed record KindCreditReport
{
    public double Conversions { get; init; }
    public double Revenue { get; init; }
    public double NewCustomers { get; init; }

    /// <summary>Credited leads whose latest status is qualified or won; only on the <c>lead</c> kind.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Qualified { get; init; }

    /// <summary>Credited leads whose latest status is won; only on the <c>lead</c> kind.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Won { get; init; }
}
