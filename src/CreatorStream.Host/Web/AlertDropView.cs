using CreatorStream.Core.Trends;

namespace CreatorStream.Host.Web;

/// <summary>A rate drop as <c>/trends</c> lists it: the alert's kind, window and the opening window's figures.</summary>
public sealed record AlertDropView(
    string Kind,
    string? CreatorId,
    long WindowStart,
    long WindowEnd,
    double Rate,
    double BaselineRate,
    double RelativeDrop,
    double Z)
{
    public static AlertDropView Of(RateDrop drop) =>
        new(drop.Kind, drop.CreatorId, drop.WindowStart, drop.WindowEnd, drop.RateValue, drop.BaselineRate, drop.RelativeDrop, drop.Z);
}
