using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>A published post (the <c>content_id</c> of events): who, where, in what format, when, and how far it can travel.</summary>
internal sealed class Post(string contentId, CreatorProfile creator, Platform platform, ContentFormat format, long publishedAt, double potential, double quality)
{
    public string ContentId { get; } = contentId;

    public CreatorProfile Creator { get; } = creator;

    public Platform Platform { get; } = platform;

    public ContentFormat Format { get; } = format;

    public long PublishedAt { get; } = publishedAt;

    /// <summary>Relative share of attention while the post is fresh.</summary>
    public double Potential { get; } = potential;

    /// <summary>How engaging the post is compared with the creator's usual.</summary>
    public double Quality { get; } = quality;

    /// <summary>Set when the creator publishes a newer post; only then may this one be forgotten.</summary>
    public bool Superseded { get; set; }

    public string LinkId => Creator.LinkFor(Platform);
}
