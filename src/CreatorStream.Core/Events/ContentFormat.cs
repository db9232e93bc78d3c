namespace CreatorStream.Core.Events;

/// <summary>The shape of a post (DESIGN.md section 2). Wire names are lower case.</summary>
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
