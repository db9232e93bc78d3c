namespace CreatorStream.Host.Verbs;

/// <summary>Every verb of <c>creatorstream</c>, wired to the process's console and clock (tests pass their own writers).</summary>
public static class VerbCatalog
{
    public static IReadOnlyList<Cli.IVerb> All(TextWriter output, TextWriter error, TextReader input, TimeProvider clock) =>
    [
        new RunVerb(output, error, clock),
        new BrokerVerb(output, input),
        new ProduceVerb(error, clock),
        new GenerateVerb(error, clock),
        new ReplayVerb(output, error, clock),
        new WorkerVerb(error, clock),
        new WebVerb(error),
        new CollectVerb(error),
        new ImportInsightsVerb(error, clock),
        new ReportVerb(output, error),
        new BenchVerb(output, error, clock),
    ];
}
