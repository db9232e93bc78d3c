using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// A creator as the simulation sees it: the configuration plus the traits that make creators differ in the
/// results (how big their audience is, how well it engages, clicks and buys), so rankings have something to find.
/// </summary>
internal sealed class CreatorProfile
{
    public required int Index { get; init; }

    public required CreatorConfig Config { get; init; }

    public required CampaignProfile Campaign { get; init; }

    public required string FirstName { get; init; }

    /// <summary>Platforms the creator posts on, the main one first.</summary>
    public required IReadOnlyList<Platform> Platforms { get; init; }

    /// <summary>Relative size of the audience a post reaches.</summary>
    public required double Popularity { get; init; }

    public required double EngagementFactor { get; init; }

    public required double ClickFactor { get; init; }

    public required double ConversionFactor { get; init; }

    /// <summary>Where the creator's core audience starts in the campaign pool, as a fraction of it.</summary>
    public required double AudienceOffset { get; init; }

    public string CreatorId => Config.CreatorId;

    /// <summary>The creator's tracked link for a platform (one per platform, in <see cref="Platforms"/> order).</summary>
    public string LinkFor(Platform platform)
    {
        for (var i = 0; i < Platforms.Count; i++)
        {
            if (Platforms[i] == platform)
            {
                return Config.Links[i];
            }
        }

        return Config.Links[0];
    }
}
