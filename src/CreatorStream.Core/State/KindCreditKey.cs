using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>Where a conversion's credit goes by its kind: a campaign's creator under one model (docs/design.md, "Outcomes").</summary>
public readonly record struct KindCreditKey(string CampaignId, string CreatorId, ConversionKind Kind, string Model);
