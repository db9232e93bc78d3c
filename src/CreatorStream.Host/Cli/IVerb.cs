namespace CreatorStream.Host.Cli;

/// <summary>One <c>creatorstream</c> verb: its name, a one-line summary, its options and what it does.</summary>
public interface IVerb
{
    string Name { get; }

    string Summary { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the verb; returns the process exit code (0 success, 1 failure, 2 usage or configuration error).</summary>
    Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken);
}
