using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Cli;
using CreatorStream.Processing.Replay;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The input limits every processing verb accepts (README "Limits", decision 0008): a record beyond one is a dead letter
/// with a stable reason, never a crash. A value outside its range stops start-up with an error naming the option.
/// </summary>
public static class LimitOptionSpecs
{
    /// <summary>
    /// Default future skew, 15 minutes: producers' clocks drift by seconds and mobile SDKs batch for a few minutes, so
    /// anything further ahead is a broken clock or a units bug (seconds for ms), and would drag the watermark forward and
    /// make every later valid event late. Well under the 1 h allowed lateness, so a rejected event cannot hide that.
    /// </summary>
    public const long DefaultMaxFutureSkewMs = 15 * 60_000;

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("max-record-bytes", $"largest record accepted; larger ones are dead letters (OVERSIZE); at most {JsonLinesReader.MaxKeptLineBytes}", DecoderLimits.Default.MaxRecordBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueName: "BYTES"),
        new("max-id-bytes", "longest id or short string field in UTF-8 bytes; longer is SCHEMA_VIOLATION", DecoderLimits.Default.MaxIdBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueName: "BYTES"),
        new("max-text-bytes", "longest free text (comment_text, user_agent_hash) in UTF-8 bytes; longer is SCHEMA_VIOLATION", DecoderLimits.Default.MaxTextBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueName: "BYTES"),
        new("max-future-skew-ms", "live verbs: an event whose ts is further ahead of the wall clock is TIMESTAMP_OUT_OF_RANGE; replay ignores it (only ts in 2000-2100 is checked)", DefaultMaxFutureSkewMs.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueName: "MS"),
    ];

    /// <summary><paramref name="options"/> with the limits given in <paramref name="args"/> (the <see cref="Replayer"/> drops the skew).</summary>
    public static ProcessorOptions Apply(ParsedArgs args, ProcessorOptions options) => options with
    {
        Limits = DecoderLimits.Default with
        {
            // A replayed line longer than the reader keeps is cut there, so a larger limit could never be met.
            MaxRecordBytes = args.Int("max-record-bytes", 256, JsonLinesReader.MaxKeptLineBytes),
            MaxIdBytes = args.Int("max-id-bytes", 16, 65_536),
            MaxTextBytes = args.Int("max-text-bytes", 16, JsonLinesReader.MaxKeptLineBytes),
        },
        MaxFutureSkew = TimeSpan.FromMilliseconds(args.Long("max-future-skew-ms", 1_000, 31 * 86_400_000L)),
    };
}
