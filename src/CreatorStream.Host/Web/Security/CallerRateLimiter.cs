using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;

namespace CreatorStream.Host.Web.Security;

/// <summary>
/// One token bucket per caller (<see cref="CallerPartition"/>), shared by REST, hub negotiate/connect and hub calls,
/// so a caller cannot spend the budget twice by switching between them. Thread-safe; disposed with the host.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly CampaignAccess _access;

    public CallerRateLimiter(WebOptions options, CampaignAccess access)
    {
        _access = access;
        // RateLimitPerSecond tokens a period (one second unless a test stretches it). The partitioned limiter's heartbeat
        // refills each bucket in proportion to the time since the last refill, at tokens per period over the period.
        var period = options.RateLimitReplenishment;
        var tokensPerPeriod = options.RateLimitPerSecond;
        _buckets = PartitionedRateLimiter.Create<string, string>(caller => caller.Length == 0
            ? RateLimitPartition.GetNoLimiter(caller)
            : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RateLimitBurst,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0, // refuse at once with Retry-After rather than hold requests open
                AutoReplenishment = false, // the partitioned limiter's own heartbeat refills every bucket: no timer per caller
            }));
        Requests = _buckets.WithTranslatedKey<HttpContext>(context => IsLimited(context) ? CallerPartition.Of(context, _access) : "", leaveOpen: true);
    }

    /// <summary>The limiter for the HTTP pipeline: REST under <c>/api</c>, hub negotiate and WebSocket connect; the rest passes.</summary>
    public PartitionedRateLimiter<HttpContext> Requests { get; }

    /// <summary>Takes a token for a hub call from the caller's bucket (the connection's own when it has no HTTP context).</summary>
    public RateLimitLease AcquireForHubCall(HttpContext? context, string connectionId) =>
        _buckets.AttemptAcquire(context is null ? "connection:" + connectionId : CallerPartition.Of(context, _access));

    public void Dispose()
    {
        Requests.Dispose();
        _buckets.Dispose();
    }

    // Long-polling and server-sent-events requests of an open connection are not counted: the negotiate that opened
    // the connection was, and each hub call is counted by HubRateLimitFilter.
    private static bool IsLimited(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/api")
            || path.Equals(WebApp.HubPath + "/negotiate", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWithSegments(WebApp.HubPath) && IsUpgrade(context));
    }

    // context.WebSockets knows nothing yet: SignalR adds the WebSocket middleware inside its own endpoint, after us.
    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
