using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;

// creatorstream: one executable, one verb per role (DESIGN.md section 1). Each verb composes what it needs.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop gracefully: finish the in-flight batch, then exit
    stopping.Cancel();
};

var verbs = VerbCatalog.All(Console.Out, Console.Error, Console.In, TimeProvider.System);
return await new CommandLineApp(verbs, Console.Out, Console.Error).RunAsync(args, stopping.Token);
