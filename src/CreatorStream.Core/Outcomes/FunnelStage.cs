namespace CreatorStream.Core.Outcomes;

/// <summary>The funnel's stages, in order (docs/design.md, "Outcomes"): a user passes a stage by doing it, and counts at a stage only having passed every one before it.</summary>
public enum FunnelStage : byte
{
    Reached,
    Engaged,
    Clicked,
    Converted,

    /// <summary>
    /// A site session joined to the creator's click. Reported between clicked and converted, but off the chain the others
    /// form: converted does not require it, since sites miss sessions (consent, blockers) and a missed one must not
    /// unmake a sale (docs/design.md, "Outcomes", funnel).
    /// </summary>
    Landed,
}
