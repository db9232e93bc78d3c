namespace CreatorStream.Host.Web;

/// <summary>The outcome of an access check: allowed, or the HTTP status and a reason a person can act on.</summary>
public sealed record AccessDecision(int StatusCode, string? Reason)
{
    public static AccessDecision Allowed { get; } = new(200, null);

    public bool IsAllowed => StatusCode == 200;

    public static AccessDecision Unauthorized(string reason) => new(401, reason);

    public static AccessDecision Forbidden(string reason) => new(403, reason);

    public static AccessDecision NotFound(string reason) => new(404, reason);
}
