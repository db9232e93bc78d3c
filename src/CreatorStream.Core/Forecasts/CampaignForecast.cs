using System.Text.Json.Serialization;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Forecasts;

/// <summary>
/// A campaign's projection to a horizon's end under a proposed allocation of its remaining budget (docs/design.md,
/// "Forecasts"): each creator's, and their sum. Immutable.
/// </summary>
public sealed record CampaignForecast
{
    public string CampaignId { get; init; } = "";

    /// <summary>The attribution model the conversions and revenue are credited under.</summary>
    public string Model { get; init; } = "";
    public string Currency { get; init; } = "";

    /// <summary><c>campaign</c>: fitted on this campaign's own figures so far; <c>history</c>: on its creators' earlier campaigns (before launch and in its first day).</summary>
    public string Basis { get; init; } = "campaign";

    /// <summary>The brand's earlier campaigns a <c>history</c> projection was fitted on; empty otherwise.</summary>
    public IReadOnlyList<string> EarlierCampaigns { get; init; } = [];

    /// <summary>Creators a <c>history</c> projection could not project (no earlier campaign of the brand): not in the sums.</summary>
    public IReadOnlyList<string> NotProjected { get; init; } = [];

    /// <summary>Where the projection starts (ms since epoch): the campaign's newest event, so live and replay agree; for <c>history</c>, the goal's start (else the campaign's first hour).</summary>
    public long AsOf { get; init; }

    /// <summary>The horizon's end (ms since epoch): the goal's end unless asked otherwise.</summary>
    public long Until { get; init; }
    public double HoursLeft { get; init; }

    /// <summary>The goal's budget less the cost to date; null when the goal names no budget.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? BudgetRemaining { get; init; }

    /// <summary>The proposed extra spend, summed over the creators.</summary>
    public double Allocated { get; init; }

    public IReadOnlyList<CreatorForecast> Creators { get; init; } = [];

    /// <summary>The creators' sums, their interval ends added (creators share an audience, so not taken as independent).</summary>
    public Interval AdditionalConversions { get; init; } = new(0, 0, 0);

    /// <summary>Null when some creator's revenue cannot be projected (no sale in the campaign yet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Interval? AdditionalRevenue { get; init; }
    public Interval Conversions { get; init; } = new(0, 0, 0);

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Interval? Revenue { get; init; }

    /// <summary>How the projection is made, in words.</summary>
    public string Method { get; init; } = "";
}
