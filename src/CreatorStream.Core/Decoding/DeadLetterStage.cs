namespace CreatorStream.Core.Decoding;

/// <summary>The pipeline stage that rejected a record (header <c>cs.dlq.stage</c>).</summary>
public enum DeadLetterStage : byte
{
    Deserialize,
    Validate,
    Process,
    StateWrite,
}
