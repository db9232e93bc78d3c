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
        catch (UnavailableException e)
        {
            error.WriteLine($"creatorstream {verb.Name}: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (Redis.RedisUnreachableException e)
        {
            error.WriteLine(
                $"creatorstream {verb.Name}: {e.Message}. Check that redis-server runs there (--redis), the password " +
                $"({Composition.RedisOptionSpecs.PasswordVariable} or --redis-password-file), and --redis-tls with --redis-tls-ca.");
            return ExitCodes.Unavailable;
        }
        catch (Kafka.KafkaUnreachableException e)
        {
            error.WriteLine(
                $"creatorstream {verb.Name}: {e.Message}. Check --kafka and, for a secured cluster, --kafka-security-protocol, " +
                "the SASL user name and password, and --kafka-ssl-ca.");
            return ExitCodes.Unavailable;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            error.WriteLine($"creatorstream {verb.Name}: {e.Message} Another process is listening there: stop it, or choose another address with --urls.");
            return ExitCodes.Unavailable;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            error.WriteLine($"creatorstream {verb.Name}: cannot open a file: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"creatorstream {verb.Name}: interrupted before it was done");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // A fault nobody anticipated: one line a person can read first, then the whole exception for the bug report.
            error.WriteLine($"creatorstream {verb.Name}: failed: {e.Message}");
            error.WriteLine(e.ToString());
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

        text.AppendLine();
        text.AppendLine("Secrets come only from the environment or files, never from the command line:");
        text.AppendLine($"  {Web.ApiKeyFile.KeyVariable,-34} the API key of web when no --api-keys file is given");
        text.AppendLine($"  {Composition.RedisOptionSpecs.PasswordVariable,-34} the Redis password (or --redis-password-file)");
        text.AppendLine($"  {Composition.KafkaOptionSpecs.SaslPasswordVariable,-34} the Kafka SASL password (or --kafka-sasl-password-file)");
        text.AppendLine();
        text.AppendLine("Exit codes:");
        foreach (var line in ExitCodes.Described)
        {
            text.AppendLine("  " + line);
        }

        return text.ToString();
    }

    public static string VerbHelp(IVerb verb)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"creatorstream {verb.Name}: {verb.Summary}");
        text.AppendLine();
        text.AppendLine("Options:");
        var width = verb.Options.Max(o => o.Usage.Length) + 2;
        foreach (var option in verb.Options)
        {
            var note = option.DefaultNote is { Length: > 0 } n ? $" ({n})" : "";
            text.AppendLine($"  {option.Usage.PadRight(width)}{option.Description}{note}");
        }

        return text.ToString();
    }
}
