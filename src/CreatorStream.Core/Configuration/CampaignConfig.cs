namespace CreatorStream.Core.Configuration;

/// <summary>
/// One campaign: its brand, goal, attribution settings, benchmarks and paid creators. Mutable only while being read
/// (settable properties let the JSON reader keep the defaults of omitted members); treat as immutable after load.
/// </summary>
public sealed record CampaignConfig
{
    public string CampaignId { get; set; } = "";
    public string BrandId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "USD";
    public CampaignGoal? Goal { get; set; }
    public AttributionSettings Attribution { get; set; } = new();
    public CampaignBenchmarks Benchmarks { get; set; } = new();
    public List<CreatorConfig> Creators { get; set; } = [];

    /// <summary>
    /// How people name the brand in comments (docs/design.md, "Content", brand mentions): names and handles, matched as
    /// whole words without regard to case; null takes the brand id and "@" with it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? BrandNames { get; set; }

    /// <summary><see cref="BrandNames"/>, or the brand id and its handle.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> BrandTerms => (IReadOnlyList<string>?)BrandNames ?? DefaultTerms.GetValue(this, static c => [c.BrandId, "@" + c.BrandId]);

    // The default terms, made once per campaign read (a comment's traits read them for every comment judged). Kept beside
    // the record, not in it, so record equality stays that of the fields read from the file; the table holds no campaign
    // alive. Made at the first read, so the brand id must not change after it (it is set only while the file is read).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CampaignConfig, string[]> DefaultTerms = new();

    /// <summary>Disclosure terms and caption previews its posts are checked against; null takes the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ComplianceSettings? Compliance { get; set; }

    /// <summary>The halo window and the holdout of the estimates beyond tracked links (docs/design.md, "Estimates"); null takes the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EstimateSettings? Estimates { get; set; }

    /// <summary><see cref="Estimates"/>, or the defaults when the file gives none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public EstimateSettings EstimatePolicy => Estimates ?? EstimateSettings.Default;

    /// <summary>
    /// When the holdout's campaign period begins and ends (ms since the epoch): its own dates, else the goal's; null when
    /// there is no holdout (the validator requires a start for one).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (long Start, long? End)? HoldoutPeriod => EstimatePolicy.Holdout is { } holdout && (holdout.Start ?? Goal?.Start) is { } start
        ? (start.ToUnixTimeMilliseconds(), (holdout.End ?? Goal?.End)?.ToUnixTimeMilliseconds())
        : null;

    /// <summary><see cref="Compliance"/>, or the defaults when the file gives none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ComplianceSettings CompliancePolicy => Compliance ?? ComplianceSettings.Default;
}
