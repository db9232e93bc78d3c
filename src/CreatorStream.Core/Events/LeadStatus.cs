namespace CreatorStream.Core.Events;

/// <summary>Where a lead stands in the brand's sales pipeline (docs/design.md, "Outcomes", leads). Wire names are lower case.</summary>
public enum LeadStatus : byte
{
    New,
    Qualified,
    Disqualified,

    /// <summary>Became a customer; a won lead was qualified on the way.</summary>
    Won,
}
