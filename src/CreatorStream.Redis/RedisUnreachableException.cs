namespace CreatorStream.Redis;

/// <summary>Redis could not be used at start-up: not reachable, or it refused the credentials or TLS. The message says which.</summary>
public sealed class RedisUnreachableException(string endpoint, string reason)
    : Exception($"cannot use Redis at {endpoint}: {reason}")
{
    public string Endpoint { get; } = endpoint;

    public string Reason { get; } = reason;
}
