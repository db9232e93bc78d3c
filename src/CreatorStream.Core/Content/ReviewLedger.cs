namespace CreatorStream.Core.Content;

/// <summary>What a review action did: whether it was applied, and the flag's state after it (someone else's if not).</summary>
public readonly record struct ReviewOutcome(bool Applied, string State);

/// <summary>A campaign's flag reviews by flag id, and every action taken, oldest first (docs/design.md, "Content").</summary>
public sealed record ReviewLedger(IReadOnlyDictionary<string, FlagReview> Reviews, IReadOnlyList<ReviewEntry> Trail)
{
    public static ReviewLedger Empty { get; } = new(new Dictionary<string, FlagReview>(), []);

    /// <summary>A flag's review: open, by nobody, when no one has acted on it.</summary>
    public FlagReview Of(string flagId) =>
        Reviews.TryGetValue(flagId, out var review) ? review : new FlagReview { FlagId = flagId, State = ReviewStates.Open };

    /// <summary>The review an applied entry leaves.</summary>
    public static FlagReview After(ReviewEntry entry) =>
        new() { FlagId = entry.FlagId, State = entry.To, By = entry.By, At = entry.At, Reason = entry.Reason };
}
