namespace CreatorStream.Testing.Adversaries;

/// <summary>Which families are fakes, and which genuine.</summary>
public static class AdversaryFamilies
{
    public static IReadOnlyList<AdversaryFamily> Fakes { get; } =
        [AdversaryFamily.PodWave, AdversaryFamily.PodRing, AdversaryFamily.BotFarm, AdversaryFamily.BoughtLikes, AdversaryFamily.CommentFarm, AdversaryFamily.ClickFlood];

    public static IReadOnlyList<AdversaryFamily> HardNegatives { get; } =
        [AdversaryFamily.ViralSurge, AdversaryFamily.FanCommunity, AdversaryFamily.Giveaway, AdversaryFamily.LiveChat];

    public static bool IsFake(AdversaryFamily family) => Fakes.Contains(family);
}
