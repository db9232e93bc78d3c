namespace CreatorStream.Core.Events;

/// <summary>The shape of a post (docs/design.md, "Events"). Wire names are lower case.</summary>
public enum ContentFormat : byte
{
    Reel,
    Story,
    Video,
    Short,
    Carousel,
    Post,
    Live,
    Article,
    Episode,
    Other,
}
