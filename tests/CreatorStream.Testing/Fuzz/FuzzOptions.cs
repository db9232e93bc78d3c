using CreatorStream.Core.Decoding;

namespace CreatorStream.Testing.Fuzz;

/// <summary>Settings of the <see cref="FuzzRecordGenerator"/>. Immutable.</summary>
public sealed record FuzzOptions
{
    /// <summary>Seed of every choice: the same options and valid records give the same mix, byte for byte.</summary>
    public int Seed { get; init; } = 9;

    /// <summary>Bad records to make, dealt round-robin over the kinds that apply to <see cref="Target"/>. Default 3,000.</summary>
    public int BadRecords { get; init; } = 3_000;

    public FuzzTarget Target { get; init; } = FuzzTarget.JsonLines;

    /// <summary>The limits the records are made to break (sizes are chosen just past them, and far past).</summary>
    public DecoderLimits Limits { get; init; } = DecoderLimits.Default;

    /// <summary>The largest oversize record made (one in 30 is this big; the rest up to twice the record limit).</summary>
    public int MaxOversizeBytes { get; init; } = 1_500_000;

    /// <summary>The worker's wall clock at the start (topics only) and the skew it allows: with both, <see cref="FuzzKind.FutureSkew"/> records are made.</summary>
    public long? WallClockMs { get; init; }

    public TimeSpan? MaxFutureSkew { get; init; }
}
