using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web.Security;

/// <summary>
/// Counts every hub call (a Join builds a whole snapshot) against the caller's rate limit; over the limit the call
/// fails with a <see cref="HubException"/> starting "too many requests" and the connection stays open (the dashboard
/// retries a failed Join after a few seconds).
/// </summary>
public sealed class HubRateLimitFilter(CallerRateLimiter callers) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        using var lease = callers.AcquireForHubCall(context.GetHttpContext(), context.ConnectionId);
        return lease.IsAcquired
            ? await next(invocationContext)
            : throw new HubException("too many requests: " + RateLimitRejection.Reason(RateLimitRejection.RetryAfterSeconds(lease)));
    }
}
