namespace CreatorStream.Core.Content;

/// <summary>What a compliance flag says is wrong with a post (docs/design.md, "Content", compliance). Wire names.</summary>
public static class ComplianceKinds
{
    /// <summary>Neither the caption nor the hashtags disclose the partnership, and the platform's label is not set.</summary>
    public const string DisclosureMissing = "disclosure_missing";

    /// <summary>The only disclosure sits after the point where the platform's caption preview is cut.</summary>
    public const string DisclosureBuried = "disclosure_buried";

    /// <summary>A post's link, or a click's link id, belongs to another creator or to none of the campaign's.</summary>
    public const string LinkMismatch = "link_mismatch";

    /// <summary>A campaign post with none of the creator's tracked links or promo codes.</summary>
    public const string UntrackedPost = "untracked_post";
}
