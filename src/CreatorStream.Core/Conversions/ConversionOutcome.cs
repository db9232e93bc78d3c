namespace CreatorStream.Core.Conversions;

/// <summary>What happened to one conversion or refund.</summary>
public enum ConversionOutcome : byte
{
    Attributed,
    Unattributed,
    Refunded,

    /// <summary>A refund or lead update whose order was never seen (or is older than the order memory): a dead letter.</summary>
    UnknownOrder,

    /// <summary>A lead update that took the lead's new status.</summary>
    LeadUpdated,

    /// <summary>A lead update older than the one the lead's status came from: it changes nothing.</summary>
    LeadUpdateSuperseded,

    /// <summary>A lead update of an order that is not a lead: a dead letter.</summary>
    NotALead,
}
