namespace CreatorStream.Processing.Replay;

/// <summary>How far a replay has got: records processed and input bytes read.</summary>
public readonly record struct ReplayProgress(long Records, long BytesRead);
