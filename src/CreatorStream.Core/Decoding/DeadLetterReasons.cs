namespace CreatorStream.Core.Decoding;

/// <summary>Stable codes for <see cref="DeadLetterReason"/> and <see cref="DeadLetterStage"/>: dashboards and alerts key on them, so never rename one.</summary>
public static class DeadLetterReasons
{
    private static readonly string[] Codes =
        ["INVALID_JSON", "SCHEMA_VIOLATION", "OVERSIZE", "UNKNOWN_EVENT_TYPE", "TIMESTAMP_OUT_OF_RANGE", "UNKNOWN_CAMPAIGN", "UNKNOWN_CREATOR", "LATE", "UNKNOWN_ORDER", "NOT_A_LEAD", "UNKNOWN_CLICK"];

    private static readonly string[] Stages = ["deserialize", "validate", "process", "state-write"];

    public static string Code(DeadLetterReason reason) => Codes[(int)reason];

    public static string Code(DeadLetterStage stage) => Stages[(int)stage];

    /// <summary>Every reason code, in enum order.</summary>
    public static IReadOnlyList<string> All => Codes;
}
