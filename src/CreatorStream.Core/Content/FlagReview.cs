namespace CreatorStream.Core.Content;

/// <summary>
/// Where people stand on a compliance flag (docs/design.md, "Content", review queue): open until someone acknowledges
/// or dismisses it, with who did it, when (wall clock) and why. A flag never reviewed is open. Immutable.
/// </summary>
public sealed record FlagReview
{
    public required string FlagId { get; init; }

    /// <summary>One of <see cref="ReviewStates"/>.</summary>
    public required string State { get; init; }

    public string? By { get; init; }
    public long? At { get; init; }
    public string? Reason { get; init; }
}

/// <summary>One action on the review queue, as the audit trail keeps it (never rewritten).</summary>
public sealed record ReviewEntry
{
    public required string FlagId { get; init; }
    public required string Action { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string By { get; init; }
    public required long At { get; init; }
    public string? Reason { get; init; }

    /// <summary>Which API key acted: the first 12 hex digits of its SHA-256 (never the key itself).</summary>
    public string? KeyId { get; init; }
}

/// <summary>A flag's review states and the actions between them. Wire names.</summary>
public static class ReviewStates
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Dismissed = "dismissed";

    public const string Acknowledge = "acknowledge";
    public const string Dismiss = "dismiss";
    public const string Reopen = "reopen";

    public static IReadOnlyList<string> Actions { get; } = [Acknowledge, Dismiss, Reopen];

    /// <summary>
    /// The state an action leads to from <paramref name="current"/>, or null when it does not apply there: acknowledge an
    /// open flag; dismiss an open or acknowledged one (a reason is required); reopen an acknowledged or dismissed one.
    /// </summary>
    public static string? Next(string current, string action) => (current, action) switch
    {
        (Open, Acknowledge) => Acknowledged,
        (Open or Acknowledged, Dismiss) => Dismissed,
        (Acknowledged or Dismissed, Reopen) => Open,
        _ => null,
    };
}
