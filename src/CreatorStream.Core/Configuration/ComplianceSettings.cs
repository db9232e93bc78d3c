namespace CreatorStream.Core.Configuration;

/// <summary>
/// How a campaign's posts are checked for disclosure (docs/design.md, "Content", compliance): the terms that disclose a
/// paid post, in the languages its audiences read, and how many characters of a caption each platform shows before
/// "more". Both have defaults; a campaign file may replace either.
/// </summary>
public sealed record ComplianceSettings
{
    /// <summary>The settings of a campaign file that gives none.</summary>
    public static ComplianceSettings Default { get; } = new();

    /// <summary>
    /// Disclosure terms, matched without regard to case as whole words (so <c>#ad</c> is not found in <c>#adidas</c>);
    /// null takes <see cref="DefaultTerms"/>. (The reader does not apply a member's initial value when it is omitted, so
    /// the defaults are applied here.)
    /// </summary>
    public List<string>? DisclosureTerms { get; set; }

    /// <summary>
    /// How many characters of a caption each platform shows before it truncates (by wire name); a platform not listed
    /// shows it whole. Null takes <see cref="DefaultPreviewChars"/>.
    /// </summary>
    public Dictionary<string, int>? PreviewChars { get; set; }

    /// <summary><see cref="DisclosureTerms"/>, or the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Terms => DisclosureTerms ?? DefaultTerms;

    /// <summary><see cref="PreviewChars"/>, or the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, int> Previews => PreviewChars ?? DefaultPreviewChars;

    /// <summary>
    /// The usual English, German, Spanish, French, Italian, Dutch and Portuguese forms. Vague tags (#partner, #parceria,
    /// #collab, #sp) are left out on purpose: regulators do not read them as disclosure, so a post with only those is
    /// flagged for a person to decide (measured on held-out captions: docs/benchmarks.md, session 25).
    /// </summary>
    public static IReadOnlyList<string> DefaultTerms { get; } =
    [
        "#ad", "#advert", "#advertisement", "#sponsored", "#paid", "#paidpartnership", "#gifted",
        "paid partnership", "sponsored", "advertisement", "ad:",
        "#werbung", "#anzeige", "werbung", "anzeige", "bezahlte partnerschaft",
        "#publicidad", "#publi", "#patrocinado", "publicidad", "colaboración pagada",
        "#sponsorisé", "#partenariat", "#pub", "partenariat rémunéré", "sponsorisé", "collaboration commerciale",
        "#adv", "#pubblicità", "#sponsorizzato", "pubblicità",
        "#samenwerking", "#gesponsord", "betaalde samenwerking",
        "#publicidade", "parceria paga",
    ];

    /// <summary>The platforms' feed previews.</summary>
    public static IReadOnlyDictionary<string, int> DefaultPreviewChars { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["instagram"] = 125,
        ["tiktok"] = 100,
        ["youtube"] = 100,
        ["facebook"] = 125,
        ["x"] = 280,
    };
}
