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

    /// <summary>Why a request without a key is refused.</summary>
    public const string MissingReason = "an API key is required: send it in the X-Api-Key header";

    /// <summary>Why a request with a key that no entry has is refused.</summary>
    public const string InvalidReason = "the API key is not valid";

    /// <summary>The 401 for a REST request whose key is missing or not valid, saying which.</summary>
    public static IResult Unauthorized(HttpContext context) => ApiError.Result(401, From(context) is null ? MissingReason : InvalidReason);

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
