using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>Identifies one post of a campaign: creator, content id and platform.</summary>
public readonly record struct ContentRef(string CreatorId, string ContentId, Platform Platform);
