namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The classifier's judgement of one event: authentic or not, the suspicion score behind it (0 = clean, 1 = certain
/// fake), and the reasons (stable codes) when it is suspicious. Immutable.
/// </summary>
public readonly record struct AuthenticityVerdict(bool IsAuthentic, double Suspicion, IReadOnlyList<string> Reasons)
{
    public static AuthenticityVerdict Clean { get; } = new(true, 0, []);
}
