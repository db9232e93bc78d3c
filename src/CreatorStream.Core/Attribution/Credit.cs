namespace CreatorStream.Core.Attribution;

/// <summary>
/// One credited party of a conversion and its share of it. The shares of one conversion under one model sum to 1
/// within floating-point error (about 1e-15 per share); multiply by the conversion's value for revenue.
/// A creator credited at several touchpoints has several credits: callers sum by creator or content.
/// Immutable; thread-safe.
/// </summary>
public readonly record struct Credit(string CampaignId, string CreatorId, string ContentId, double Share)
{
    internal static Credit Of(Touchpoint touchpoint, double share) =>
        new(touchpoint.CampaignId, touchpoint.CreatorId, touchpoint.ContentId, share);
}
