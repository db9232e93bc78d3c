namespace CreatorStream.Core.Forecasts;

/// <summary>
/// The time a forecast runs over (docs/design.md, "Forecasts"). Immutable.
/// </summary>
/// <param name="HoursLeft">Hours from the campaign's newest event to the horizon's end.</param>
/// <param name="PaidHours">Hours a creator's fixed fee pays for (the campaign's dated period, else from its first event to the horizon's end).</param>
public sealed record ForecastHorizon(double HoursLeft, double PaidHours)
{
    /// <summary>The share of a fixed fee that pays for the rest of the period.</summary>
    public double RemainingShare => PaidHours <= 0 ? 0 : Math.Clamp(HoursLeft / PaidHours, 0, 1);
}
