using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;

// creatorstream: one executable, one verb per role (DESIGN.md section 1). Each verb composes what it needs.
using var stopping = new ShutdownSignal(); // Ctrl+C or SIGTERM: finish the in-flight batch, then exit

var clock = TimeProvider.System;
IVerb[] verbs =
[
    new RunVerb(Console.Out, Console.Error, clock),
    new BrokerVerb(Console.Out, Console.In),
    new ProduceVerb(Console.Error, clock),
    new GenerateVerb(Console.Error, clock),
    new ReplayVerb(Console.Out, Console.Error, clock),
    new WorkerVerb(Console.Error, clock),
    new WebVerb(Console.Error),
    new ReportVerb(Console.Out, Console.Error),
    new BenchVerb(Console.Out, Console.Error, clock),
];
return await new CommandLineApp(verbs, Console.Out, Console.Error).RunAsync(args, stopping.Token);
