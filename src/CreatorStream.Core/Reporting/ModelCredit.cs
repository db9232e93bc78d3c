using System.Text.Json.Serialization;

namespace CreatorStream.Core.Reporting;

/// <summary>Conversions and revenue credited to a creator under one model.</summary>
public sealed record ModelCredit
{
    public double Conversions { get; init; }
    public double Revenue { get; init; }

    /// <summary>Set by data_driven only: true when it fell back to linear for lack of conversions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Fallback { get; init; }
}
