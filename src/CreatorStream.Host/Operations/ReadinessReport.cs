namespace CreatorStream.Host.Operations;

/// <summary>The outcome of one readiness check: each probe's answer (<c>ok</c> or a reason), and the reasons it is not ready.</summary>
public sealed record ReadinessReport(IReadOnlyDictionary<string, string> Checks)
{
    public IReadOnlyList<string> Reasons => [.. Checks.Where(c => c.Value != ReadinessCheck.Ok).Select(c => $"{c.Key}: {c.Value}")];

    public bool IsReady => Reasons.Count == 0;
}
