namespace CreatorStream.Core.Metrics;

/// <summary>The level an aggregate sums over.</summary>
public enum AggregateScope : byte
{
    /// <summary>A whole campaign: every creator, post and platform.</summary>
    Campaign,

    /// <summary>One creator in a campaign, across posts and platforms (reach is deduplicated across them).</summary>
    Creator,

    /// <summary>One post (content id) of one creator on one platform: the base grain of docs/design.md, "Event time".</summary>
    Content,
}
