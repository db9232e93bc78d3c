using CreatorStream.Core.Events;

namespace CreatorStream.Testing.Adversaries;

/// <summary>One generated event and the family that made it (the ground truth). Immutable.</summary>
public sealed record LabelledEvent(AudienceEvent Event, AdversaryFamily Family)
{
    public bool IsFake => AdversaryFamilies.IsFake(Family);
}
