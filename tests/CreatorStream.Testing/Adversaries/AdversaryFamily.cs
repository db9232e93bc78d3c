namespace CreatorStream.Testing.Adversaries;

/// <summary>
/// The families of behaviour the adversary generator plants (issue 18): fakes, which a classifier should flag, and
/// genuine hard negatives, which it should leave alone; <see cref="Background"/> is ordinary genuine traffic.
/// </summary>
public enum AdversaryFamily
{
    Background,

    // Fakes.
    PodWave,
    PodRing,
    BotFarm,
    BoughtLikes,
    CommentFarm,
    ClickFlood,

    // Genuine hard negatives.
    ViralSurge,
    FanCommunity,
    Giveaway,
    LiveChat,
}
