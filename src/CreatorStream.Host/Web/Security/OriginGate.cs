namespace CreatorStream.Host.Web.Security;

/// <summary>
/// Refuses API and hub requests from a browser page of a foreign origin (403 with a reason). CORS alone would only
/// stop the page reading REST answers; WebSockets are not covered by CORS at all, so the hub needs this check.
/// A request without <c>Origin</c> (curl, services, a same-origin GET) passes: it is not a browser acting for
/// another site. Thread-safe.
/// </summary>
public sealed class OriginGate(IEnumerable<string> allowedOrigins)
{
    private readonly HashSet<string> _allowed = [.. allowedOrigins.Select(AllowedOrigin.Parse)];

    /// <summary>Null when the request may go on; otherwise the reason it may not.</summary>
    public string? Refusal(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Origin", out var header) || header.Count == 0)
        {
            return null;
        }

        var sent = header.ToString();
        if (AllowedOrigin.TryCanonical(sent, out var origin) && (origin == AllowedOrigin.Of(request) || _allowed.Contains(origin)))
        {
            return null;
        }

        return $"origin '{Truncated(sent)}' may not use this API: serve the dashboard from this server, or add its origin with --allowed-origins";
    }

    // The reason echoes the origin so an operator can copy it; a hostile header is cut short.
    private static string Truncated(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
