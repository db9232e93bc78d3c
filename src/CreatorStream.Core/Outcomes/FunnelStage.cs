namespace CreatorStream.Core.Outcomes;

/// <summary>The funnel's stages, in order (docs/design.md, "Outcomes"): a user passes a stage by doing it, and counts at a stage only having passed every one before it.</summary>
public enum FunnelStage : byte
{
    Reached,
    Engaged,
    Clicked,
    Converted,
}
