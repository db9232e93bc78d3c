namespace CreatorStream.Core.Events;

/// <summary>What happened to a creator's post (docs/design.md, "Content"). Wire names are lower case.</summary>
public enum PostAction : byte
{
    Published,

    /// <summary>The caption, tags, links or label changed; the post's latest state is what compliance judges.</summary>
    Edited,

    /// <summary>Taken down: it no longer counts towards a deliverable.</summary>
    Deleted,
}
