using CreatorStream.Host.Cli;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;

namespace CreatorStream.Host.Verbs;

/// <summary><c>creatorstream broker</c>: the embedded Kafka-protocol broker on its own, with the project's topics, until stopped.</summary>
public sealed class BrokerVerb(TextWriter output) : IVerb
{
    public string Name => "broker";

    public string Summary => "run the embedded Kafka-protocol broker (librdkafka mock cluster) with the project's topics";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("partitions", "partitions per topic (the mock cluster scans its log linearly: use 16+)", "16", ValueName: "N"),
        new("brokers", "number of brokers in the cluster", "1", ValueName: "N"),
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        using var broker = EmbeddedBroker.Start(args.Int("brokers", 1, 16));
        broker.CreateTopics(Topics.All, args.Int("partitions", 1, 1024));

        // Other processes and scripts read this exact line to find the broker.
        output.WriteLine($"bootstrap: {broker.BootstrapServers}");
        output.WriteLine($"topics: {string.Join(", ", Topics.All)}");
        output.WriteLine("press Ctrl+C to stop");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: a normal stop.
        }

        return ExitCodes.Success;
    }
}
