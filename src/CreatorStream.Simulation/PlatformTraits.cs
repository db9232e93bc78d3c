using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// What differs between platforms in the synthetic world: the formats posted there, how readily viewers engage,
/// a CPM benchmark, and which identifiers the platform reports. Figures are typical published ranges, rounded.
/// </summary>
internal static class PlatformTraits
{
    /// <summary>Platforms a creator may use, and how likely each is to be a creator's main one.</summary>
    public static readonly Platform[] CreatorPlatforms = [Platform.Instagram, Platform.TikTok, Platform.YouTube, Platform.Facebook, Platform.X, Platform.Twitch];

    public static readonly double[] CreatorPlatformWeights = [35, 30, 20, 6, 5, 4];

    /// <summary>Formats of a platform, each listed as often as it is posted.</summary>
    public static IReadOnlyList<ContentFormat> Formats(Platform platform) => platform switch
    {
        Platform.Instagram => [ContentFormat.Reel, ContentFormat.Reel, ContentFormat.Reel, ContentFormat.Carousel, ContentFormat.Carousel, ContentFormat.Story, ContentFormat.Story, ContentFormat.Post],
        Platform.TikTok => [ContentFormat.Short, ContentFormat.Short, ContentFormat.Short, ContentFormat.Short, ContentFormat.Live],
        Platform.YouTube => [ContentFormat.Video, ContentFormat.Video, ContentFormat.Video, ContentFormat.Short, ContentFormat.Short, ContentFormat.Live],
        Platform.Facebook => [ContentFormat.Video, ContentFormat.Post, ContentFormat.Reel],
        Platform.X => [ContentFormat.Post, ContentFormat.Post, ContentFormat.Post, ContentFormat.Video],
        Platform.Twitch => [ContentFormat.Live],
        Platform.Blog => [ContentFormat.Article],
        Platform.Podcast => [ContentFormat.Episode],
        _ => [ContentFormat.Other],
    };

    /// <summary>Share of impressions that lead to an engagement (short video engages most, X least).</summary>
    public static double EngagementRate(Platform platform) => platform switch
    {
        Platform.TikTok => 0.09,
        Platform.Instagram => 0.07,
        Platform.Twitch => 0.06,
        Platform.YouTube => 0.05,
        Platform.Facebook => 0.035,
        _ => 0.03,
    };

    /// <summary>CPM benchmark in the campaign currency.</summary>
    public static double Cpm(Platform platform) => platform switch
    {
        Platform.Instagram => 8.0,
        Platform.TikTok => 6.0,
        Platform.YouTube => 12.0,
        Platform.Facebook => 7.0,
        Platform.X => 5.0,
        Platform.Twitch => 9.0,
        _ => 4.0,
    };

    /// <summary>A short tag for link ids.</summary>
    public static string Tag(Platform platform) => platform switch
    {
        Platform.Instagram => "ig",
        Platform.TikTok => "tt",
        Platform.YouTube => "yt",
        Platform.Facebook => "fb",
        Platform.Twitch => "tw",
        _ => WireNames.Of(platform),
    };

    /// <summary>YouTube and X report no device id to the brand, so their events carry none.</summary>
    public static bool ReportsDevice(Platform platform) => platform is not (Platform.YouTube or Platform.X);
}
