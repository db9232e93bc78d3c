namespace CreatorStream.Core.Configuration;

/// <summary>
/// How a campaign's posts are checked for disclosure (docs/design.md, "Content", compliance): the terms that disclose a
/// paid post, in the languages its audiences read, and how many characters of a caption each platform shows before
/// "more". Both have defaults; a campaign file may replace either.
/// </summary>
public sealed record ComplianceSettings
{
    /// <summary>
    /// Disclosure terms, matched without regard to case as whole words (so <c>#ad</c> is not found in <c>#adidas</c>).
    /// The default covers the usual English, German, Spanish, French, Italian, Dutch and Portuguese forms.
    /// </summary>
    public List<string> DisclosureTerms { get; set; } =
    [
        "#ad", "#advert", "#advertisement", "#sponsored", "#paid", "#partner", "#paidpartnership", "#gifted",
        "paid partnership", "sponsored", "advertisement", "ad:",
        "#werbung", "#anzeige", "werbung", "anzeige", "bezahlte partnerschaft",
        "#publicidad", "#publi", "#patrocinado", "publicidad", "colaboración pagada",
        "#sponsorisé", "#partenariat", "#pub", "partenariat rémunéré", "sponsorisé",
        "#adv", "#pubblicità", "#sponsorizzato", "pubblicità",
        "#samenwerking", "#gesponsord", "betaalde samenwerking",
        "#publicidade", "#parceria", "parceria paga",
    ];

    /// <summary>
    /// Characters of a caption each platform shows before it truncates (by wire name); a platform not listed shows it
    /// whole. The defaults are the platforms' feed previews.
    /// </summary>
    public Dictionary<string, int> PreviewChars { get; set; } = new(StringComparer.Ordinal)
    {
        ["instagram"] = 125,
        ["tiktok"] = 100,
        ["youtube"] = 100,
        ["facebook"] = 125,
        ["x"] = 280,
    };
}
