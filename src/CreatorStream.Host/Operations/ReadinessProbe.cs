namespace CreatorStream.Host.Operations;

/// <summary>
/// One dependency readiness depends on: <paramref name="Check"/> answers null when it is fine, else why it is not
/// (no secrets: endpoints and error codes only).
/// </summary>
public sealed record ReadinessProbe(string Name, Func<CancellationToken, Task<string?>> Check);
