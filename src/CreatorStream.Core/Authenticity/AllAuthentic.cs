using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>The classifier before authenticity scoring exists: every engagement is authentic.</summary>
public sealed class AllAuthentic : IEngagementClassifier
{
    public static AllAuthentic Instance { get; } = new();

    public bool IsAuthentic(Engagement engagement) => true;
}
