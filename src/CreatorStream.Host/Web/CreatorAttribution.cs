using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>One creator's credit under the chosen model, what it implies for cost and returns, and every model side by side.</summary>
public sealed record CreatorAttribution(
    string CreatorId,
    string Name,
    double Conversions,
    double Revenue,
    long AssistedConversions,
    double Cost,
    double? Roi,
    double? Roas,
    double? Cpa,
    IReadOnlyDictionary<string, CreditSums> ByModel);
