using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Decides whether an engagement is authentic (DESIGN.md section 5). The seam the authenticity capability
/// fills; until then <see cref="AllAuthentic"/> counts every engagement as authentic.
/// </summary>
public interface IEngagementClassifier
{
    bool IsAuthentic(Engagement engagement);
}
