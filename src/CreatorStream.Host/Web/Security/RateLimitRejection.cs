using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CreatorStream.Host.Web.Security;

/// <summary>The answer to a caller over its rate limit: 429, <c>Retry-After</c> in whole seconds, and a reason.</summary>
public static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = RetryAfterSeconds(rejected.Lease);
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiError.Result(429, Reason(seconds)).ExecuteAsync(rejected.HttpContext);
    }

    public static string Reason(int retryAfterSeconds) =>
        $"too many requests from this key or address: try again in {retryAfterSeconds} s (limits: --rate-limit, --rate-burst)";

    /// <summary>When a token is back, rounded up to a whole second (at least one) as <c>Retry-After</c> needs.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue)
            : 1;
}
