namespace CreatorStream.Host.Operations;

/// <summary>
/// Runs every <see cref="ReadinessProbe"/> at once, each bounded by <see cref="ProbeTimeout"/> (a probe that does not answer
/// in time is a reason, so <c>/health/ready</c> answers quickly even when Redis or Kafka hangs). Thread-safe.
/// </summary>
public sealed class ReadinessCheck(IEnumerable<ReadinessProbe> probes)
{
    public const string Ok = "ok";

    /// <summary>Longest one probe may take: 2 s, below the usual 5 s probe timeout of an orchestrator.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(probes.Select(async probe => (probe.Name, Answer: await AskAsync(probe, cancellationToken))));
        return new ReadinessReport(answers.ToDictionary(a => a.Name, a => a.Answer ?? Ok, StringComparer.Ordinal));
    }

    private static async Task<string?> AskAsync(ReadinessProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.Check(cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return $"no answer within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"check failed: {e.Message}";
        }
    }
}
