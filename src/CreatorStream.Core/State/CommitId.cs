namespace CreatorStream.Core.State;

/// <summary>
/// Names one commit: the committing process (<see cref="Writer"/>, unique per process start) and its sequence number
/// (increasing from 1). Default (no writer) means "do not check for a repeat".
/// </summary>
public readonly record struct CommitId(string? Writer, long Sequence);
