namespace CreatorStream.Core.Decoding;

/// <summary>
/// Bounds a record must respect before it is trusted. Immutable. The defaults are generous for real
/// traffic and small enough that one hostile record cannot cost much memory.
/// </summary>
public sealed record DecoderLimits
{
    /// <summary>Largest record accepted, in bytes. Default 64 KiB: a real event is a few hundred bytes.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024;

    /// <summary>Longest id or short text field, in UTF-8 bytes. Default 256.</summary>
    public int MaxIdBytes { get; init; } = 256;

    /// <summary>Longest free text (<c>comment_text</c>, <c>user_agent_hash</c>), in UTF-8 bytes. Default 4096.</summary>
    public int MaxTextBytes { get; init; } = 4096;

    /// <summary>
    /// Longest post caption, in UTF-8 bytes. Default 8192: Instagram's 2,200 characters, written in the four-byte characters
    /// emoji are, come to 8,800 bytes at the very worst, and a real caption is far shorter.
    /// </summary>
    public int MaxCaptionBytes { get; init; } = 8 * 1024;

    /// <summary>Earliest event time accepted (ms since epoch). Default 2000-01-01T00:00:00Z.</summary>
    public long MinTimestampMs { get; init; } = 946_684_800_000;

    /// <summary>Latest event time accepted (ms since epoch). Default 2100-01-01T00:00:00Z.</summary>
    public long MaxTimestampMs { get; init; } = 4_102_444_800_000;

    /// <summary>Deepest JSON nesting accepted. Default 8: events are flat objects.</summary>
    public int MaxDepth { get; init; } = 8;

    public static DecoderLimits Default { get; } = new();
}
