namespace CreatorStream.Core.Configuration;

/// <summary>
/// How a campaign's estimates beyond tracked links are made (docs/design.md, "Estimates"): the halo window after each
/// post, and the holdout the incrementality estimate compares against. Optional; omitted, the halo defaults apply and
/// there is no incrementality estimate.
/// </summary>
public sealed record EstimateSettings
{
    /// <summary>The settings of a campaign file that gives none.</summary>
    public static EstimateSettings Default { get; } = new();

    /// <summary>Hours after a post in which untracked traffic above the baseline is counted as its halo. Default 72.</summary>
    public int HaloWindowHours { get; set; } = 72;

    /// <summary>
    /// How fast a post's pull fades within its window, as a half-life in hours: the excess of an hour is shared among the
    /// posts active then by their impressions so far, weighted by this decay. Default 24.
    /// </summary>
    public double HaloHalfLifeHours { get; set; } = 24;

    /// <summary>Who did not see the campaign's content: the incrementality estimate's control group. Null: no estimate.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public HoldoutConfig? Holdout { get; set; }
}

/// <summary>
/// A campaign's holdout (docs/design.md, "Estimates", incrementality): countries where its content was not promoted,
/// or a share of audience ids held out upstream by a salted hash. Exactly one of <see cref="Countries"/> and
/// <see cref="UserShare"/>.
/// </summary>
public sealed record HoldoutConfig
{
    /// <summary>Countries (as conversions name them, ISO 3166 codes) held out; orders from them are the control group.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Countries { get; set; }

    /// <summary>
    /// The share of users held out: a user is held out when the first 8 bytes of SHA-256 of "<see cref="Salt"/>:user_id",
    /// read big-endian as a fraction of 2^64, fall below it (<see cref="Estimates.Holdout.IsHeldOut"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? UserShare { get; set; }

    /// <summary>The salt of the user hash, as the system upstream that held the users out used it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Salt { get; set; }

    /// <summary>When the campaign's content began: orders before are the baseline period. Null takes the goal's start.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Start { get; set; }

    /// <summary>When the campaign period ends (orders after it count in neither period). Null takes the goal's end, or none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? End { get; set; }
}
