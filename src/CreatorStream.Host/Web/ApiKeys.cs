using Microsoft.Extensions.Primitives;

namespace CreatorStream.Host.Web;

/// <summary>Where a caller's key is read from: the <c>X-Api-Key</c> header, a bearer token, or (for WebSockets, which cannot set headers) the <c>access_token</c> query parameter.</summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";

    public static string? From(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue(Header, out var header) && !StringValues.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return context.Request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }
}
