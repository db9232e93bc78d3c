namespace CreatorStream.Simulation;

/// <summary>
/// The ground-truth labels the generator puts on the fake traffic it makes (docs/design.md, "Authenticity"). Every fake
/// event of an incident carries its kind's label, so precision and recall of the authenticity checks are measured.
/// </summary>
public static class FakeLabels
{
    /// <summary>Many brand-new accounts behind a few IPs and devices, engaging at machine-regular intervals with copy-paste comments and no impressions.</summary>
    public const string BotFarm = "bot_farm";

    /// <summary>A fixed group of real accounts that engage with the same creators' new posts together, wave after wave.</summary>
    public const string Pod = "pod";

    /// <summary>A burst of likes on one post from new accounts that were never shown it.</summary>
    public const string BoughtLikes = "bought_likes";

    /// <summary>Scripted clicks on a creator's link from a few IPs, each leaving within a fraction of a second.</summary>
    public const string ClickFlood = "click_flood";

    public static IReadOnlyList<string> All { get; } = [BotFarm, Pod, BoughtLikes, ClickFlood];
}
