using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Replay;

/// <summary>What a replay produced: the report, and the dead letters with their reasons (for the CLI to write out).</summary>
public sealed record ReplayOutcome(ReplayReport Report, IReadOnlyList<DeadLetter> DeadLetters, long Records);
