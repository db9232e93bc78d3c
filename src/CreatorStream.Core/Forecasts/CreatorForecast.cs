using System.Text.Json.Serialization;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Forecasts;

/// <summary>
/// One creator's projection to the end of the horizon under a proposed extra spend (docs/design.md, "Forecasts"): what
/// it was fitted on, the response to the spend, and the conversions and revenue still to come with their 90 %
/// intervals. Immutable.
/// </summary>
public sealed record CreatorForecast
{
    public string CreatorId { get; init; } = "";

    /// <summary>The proposed spend on top of what the creator is paid already.</summary>
    public double ExtraSpend { get; init; }

    /// <summary>Impressions the rest of the period would bring, relative to the creator's pace: 1 + extra / the fee's share for the rest.</summary>
    public double ImpressionMultiplier { get; init; }

    /// <summary>The audience size fitted to impressions and reach; null when no repeat showing is measured (unbounded).</summary>
    public double? Audience { get; init; }

    /// <summary>New reach the rest of the period brings relative to the pace (1 without extra spend), with the reach sketch's error.</summary>
    public Interval Response { get; init; } = new(1, 1, 1);

    /// <summary>Hours measured, orders in them and their dispersion over blocks: what the pace rests on.</summary>
    public double HoursMeasured { get; init; }
    public long Orders { get; init; }
    public double Dispersion { get; init; }

    public double ConversionsToDate { get; init; }
    public double RevenueToDate { get; init; }

    /// <summary>Credited conversions still to come by the horizon's end.</summary>
    public Interval AdditionalConversions { get; init; } = new(0, 0, 0);

    /// <summary>Credited revenue still to come; null when no order value is known (no sale in the campaign yet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Interval? AdditionalRevenue { get; init; }

    /// <summary>To date plus still to come.</summary>
    public Interval Conversions { get; init; } = new(0, 0, 0);

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Interval? Revenue { get; init; }

    /// <summary>What the extra spend and the commission on the revenue still to come (its estimate) would cost.</summary>
    public double AdditionalCost { get; init; }

    /// <summary>How the projection was fitted, in words.</summary>
    public string Fit { get; init; } = "";
}
