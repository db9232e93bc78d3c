namespace CreatorStream.Core.Events;

/// <summary>What a user did to a post. Wire names are lower case.</summary>
public enum EngagementKind : byte
{
    Like,
    Comment,
    Share,
    Save,
}
