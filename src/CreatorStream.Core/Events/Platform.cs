namespace CreatorStream.Core.Events;

/// <summary>Where a post was published (docs/design.md, "Events"). Wire names are lower case.</summary>
public enum Platform : byte
{
    Instagram,
    TikTok,
    YouTube,
    Facebook,
    X,
    Twitch,
    Blog,
    Podcast,
    Other,
}
