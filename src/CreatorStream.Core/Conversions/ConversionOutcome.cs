namespace CreatorStream.Core.Conversions;

/// <summary>What happened to one conversion or refund.</summary>
public enum ConversionOutcome : byte
{
    Attributed,
    Unattributed,
    Refunded,

    /// <summary>A refund whose order was never seen (or is older than the order memory): a dead letter.</summary>
    UnknownOrder,
}
