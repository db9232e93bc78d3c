namespace CreatorStream.Core.Forecasts;

/// <summary>
/// What one creator has done so far in a campaign: the measurements a forecast stands on (docs/design.md, "Forecasts").
/// Immutable.
/// </summary>
/// <param name="CreatorId">The creator.</param>
/// <param name="Hours">Hours measured: from the hour of the creator's first event to the campaign's newest event, at least 1.</param>
/// <param name="Orders">Orders counted into the creator's series so far (every order any model credits to them).</param>
/// <param name="Dispersion">How much more the orders vary from block to block than a steady Poisson rate would, at least 1.</param>
/// <param name="Conversions">Conversions credited to the creator under the model, to date.</param>
/// <param name="Revenue">Revenue credited to the creator under the model, to date.</param>
/// <param name="Impressions">The creator's impressions to date.</param>
/// <param name="Reach">The creator's distinct users to date.</param>
/// <param name="ReachExact">Whether <paramref name="Reach"/> is counted exactly (small audiences) rather than estimated.</param>
public sealed record CreatorMeasure(
    string CreatorId,
    double Hours,
    long Orders,
    double Dispersion,
    double Conversions,
    double Revenue,
    long Impressions,
    long Reach,
    bool ReachExact);
