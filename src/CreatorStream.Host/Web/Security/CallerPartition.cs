namespace CreatorStream.Host.Web.Security;

/// <summary>
/// Who a request counts against for rate limiting: a known API key (by its hash, so the key itself is not held in
/// the limiter's table; a hub token counts as its key), else the remote address. An unknown key counts against its
/// address: otherwise a caller could make up a fresh key per request and never be limited.
/// </summary>
public static class CallerPartition
{
    public static string Of(HttpContext context, CampaignAccess access)
    {
        if (access.Caller(context, ignoreExpiry: true) is { } entry)
        {
            return "key:" + Convert.ToHexString(entry.Sha256);
        }

        // Behind a reverse proxy every caller has the proxy's address; see README "Security".
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
