using Microsoft.Extensions.Primitives;

namespace CreatorStream.Host.Web;

/// <summary>
/// Where a caller's credentials are read from: an API key only from the <c>X-Api-Key</c> header, a hub token
/// (<see cref="Tokens.HubTokens"/>) from <c>Authorization: Bearer</c> or, for WebSockets (which cannot set headers),
/// the <c>access_token</c> query parameter. A key is never taken from a URL.
/// </summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";

    public static string? From(HttpContext context) =>
        context.Request.Headers.TryGetValue(Header, out var header) && !StringValues.IsNullOrEmpty(header) ? header.ToString() : null;

    /// <summary>The hub token the request carries, if any.</summary>
    public static string? TokenFrom(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return context.Request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }
}
