using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web.Security;

/// <summary>
/// Browser origins in one canonical spelling (<c>scheme://host[:port]</c>, lower case, default port left out), so a
/// configured origin, an <c>Origin</c> header and the web role's own address compare as plain strings.
/// </summary>
public static class AllowedOrigin
{
    /// <summary>A configured origin, canonical.</summary>
    /// <exception cref="ConfigurationException">Not an http(s) origin: a path, query, wildcard or <c>null</c> is refused.</exception>
    public static string Parse(string text)
    {
        // A wildcard would let any site's script read campaign data with a key it got hold of: list origins instead.
        return TryCanonical(text.Trim(), out var origin)
            ? origin
            : throw new ConfigurationException("--allowed-origins", $"'{text}' is not an origin like https://dashboard.example.com[:port] (no path, no wildcard)");
    }

    /// <summary>An origin as a browser sends it, canonical; false for <c>null</c> (sandboxed pages, files) and anything unparsable.</summary>
    public static bool TryCanonical(string? text, out string origin)
    {
        origin = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }

        origin = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }

    /// <summary>The origin a request was addressed to (what a same-origin page sends).</summary>
    public static string? Of(HttpRequest request) =>
        TryCanonical($"{request.Scheme}://{request.Host.Value}", out var origin) ? origin : null;
}
