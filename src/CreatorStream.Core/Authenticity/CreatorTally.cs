namespace CreatorStream.Core.Authenticity;

/// <summary>
/// A creator's judged engagements, all and authentic: the authenticity score's two counts (docs/design.md,
/// "Authenticity"). Held by the classifier's table and by each of the creator's posts, so a judgement adds to it without
/// a lookup. Mutable.
/// </summary>
internal sealed class CreatorTally
{
    public long All { get; set; }

    public long Authentic { get; set; }
}
