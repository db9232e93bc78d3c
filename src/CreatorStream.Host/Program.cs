using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;

// creatorstream: one executable, one verb per role (docs/design.md, "Shape"). Each verb composes what it needs.
using var stopping = new ShutdownSignal(); // Ctrl+C or SIGTERM: finish the in-flight batch, then exit

var verbs = VerbCatalog.All(Console.Out, Console.Error, Console.In, TimeProvider.System);
return await new CommandLineApp(verbs, Console.Out, Console.Error).RunAsync(args, stopping.Token);
