using CreatorStream.Core.Decoding;

namespace CreatorStream.Core.State;

/// <summary>The stream's bookkeeping: events counted, duplicates dropped, dead letters by reason. Immutable.</summary>
public sealed record StreamCounters(long Events, long Duplicates, IReadOnlyDictionary<DeadLetterReason, long> DeadLetters)
{
    /// <summary>Conversions (net of refunds) that no model credits, and their revenue.</summary>
    public CreditSums Unattributed { get; init; }

    /// <summary>Of <see cref="Duplicates"/>, those only a deduplication filter recognised (<see cref="StateDelta.ProbableDuplicates"/>).</summary>
    public long ProbableDuplicates { get; init; }

    /// <summary>Deduplication filters consulted (<see cref="StateDelta.DedupFilterLookups"/>).</summary>
    public long DedupFilterLookups { get; init; }

    /// <summary>Site sessions that joined no creator's click (<see cref="StateDelta.UnmatchedSessions"/>).</summary>
    public long UnmatchedSessions { get; init; }

    public long DeadLetterTotal => DeadLetters.Values.Sum();

    public long Late => DeadLetters.GetValueOrDefault(DeadLetterReason.Late);
}
