using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>
/// Orders of one kind credited to a campaign (<see cref="CreatorId"/> empty) or to one of its creators, under any model
/// (docs/design.md, "Outcomes").
/// </summary>
public readonly record struct OrderKey(string CampaignId, string CreatorId, ConversionKind Kind)
{
    /// <summary>The whole campaign's orders of a kind (each order once, however many of its creators it credits).</summary>
    public static OrderKey Campaign(string campaignId, ConversionKind kind) => new(campaignId, "", kind);
}
