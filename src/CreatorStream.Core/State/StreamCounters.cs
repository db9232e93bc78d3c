using CreatorStream.Core.Decoding;

namespace CreatorStream.Core.State;

/// <summary>The stream's bookkeeping: events counted, duplicates dropped, dead letters by reason. Immutable.</summary>
public sealed record StreamCounters(long Events, long Duplicates, IReadOnlyDictionary<DeadLetterReason, long> DeadLetters)
{
    public long DeadLetterTotal => DeadLetters.Values.Sum();

    public long Late => DeadLetters.GetValueOrDefault(DeadLetterReason.Late);
}
