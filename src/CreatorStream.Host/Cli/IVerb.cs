namespace CreatorStream.Host.Cli;

/// <summary>One <c>creatorstream</c> verb: its name, a one-line summary, its options and what it does.</summary>
public interface IVerb
{
    string Name { get; }

    string Summary { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the verb; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken);
}
