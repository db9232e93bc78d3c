namespace CreatorStream.Core.Events;

/// <summary>Where a post was published (DESIGN.md section 2). Wire names are lower case.</summary>
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
