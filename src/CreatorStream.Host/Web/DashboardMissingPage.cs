using System.Net;

namespace CreatorStream.Host.Web;

/// <summary>
/// What <c>/</c> answers when the executable was built without its dashboard: the commands that build it, and a
/// reminder that the API and the hub work without it.
/// </summary>
public static class DashboardMissingPage
{
    /// <summary>The command, run from the repository's root, that builds the dashboard into the web role's wwwroot.</summary>
    public const string BuildCommand = "dotnet build src/CreatorStream.Host";

    /// <summary>The same build without .NET: what <c>./dev</c> runs.</summary>
    public const string NpmCommand = "cd dashboard && npm ci && npm run build";

    public static readonly string Html = $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>CreatorStream: dashboard not built</title></head>
        <body>
        <h1>The dashboard has not been built</h1>
        <p>This executable was built without the dashboard's files (wwwroot/index.html is missing). Build them, with
        Node.js 20.19 or later installed, from the repository's root:</p>
        <pre><code>{WebUtility.HtmlEncode(BuildCommand)}</code></pre>
        <p>or without .NET:</p>
        <pre><code>{WebUtility.HtmlEncode(NpmCommand)}</code></pre>
        <p>then restart. <code>./dev run</code> does both. The REST API (<code>/api/campaigns</code>) and the hub work without the dashboard.</p>
        </body>
        </html>
        """;
}
