using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Cli;

/// <summary>Dispatches <c>creatorstream VERB [options]</c>, prints help, and turns errors into exit codes a script can act on.</summary>
public sealed class CommandLineApp(IReadOnlyList<IVerb> verbs, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.Write(GeneralHelp());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var verb = verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            error.WriteLine($"creatorstream: unknown verb '{args[0]}'. Verbs: {string.Join(", ", verbs.Select(v => v.Name))}.");
            return ExitCodes.Usage;
        }

        var rest = args[1..];
        if (rest.Any(a => a is "--help" or "-h"))
        {
            output.Write(VerbHelp(verb));
            return ExitCodes.Success;
        }

        try
        {
            return await verb.RunAsync(ParsedArgs.Parse(rest, verb.Options), cancellationToken);
        }
        catch (UsageException e)
        {
            error.WriteLine($"creatorstream {verb.Name}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"creatorstream {verb.Name}: configuration error at {e.Field}: {e.Problem}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"creatorstream {verb.Name}: stopped");
            return ExitCodes.Failure;
        }
    }

    public string GeneralHelp()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("creatorstream: real-time analytics for creator marketing campaigns.");
        text.AppendLine();
        text.AppendLine("Usage: creatorstream VERB [options]     creatorstream VERB --help");
        text.AppendLine();
        text.AppendLine("Verbs:");
        foreach (var verb in verbs)
        {
            text.AppendLine($"  {verb.Name,-10} {verb.Summary}");
        }

        return text.ToString();
    }

    public static string VerbHelp(IVerb verb)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"creatorstream {verb.Name}: {verb.Summary}");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in verb.Options)
        {
            var fallback = option.Default is null ? "" : $" (default: {option.Default})";
            text.AppendLine($"  {option.Usage,-28} {option.Description}{fallback}");
        }

        return text.ToString();
    }
}
