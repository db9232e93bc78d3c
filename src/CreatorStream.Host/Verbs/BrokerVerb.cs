using System.Globalization;
using Confluent.Kafka;
using CreatorStream.Host.Cli;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream broker</c>: the embedded Kafka-protocol broker on its own, with the project's topics, until stopped.
/// Faults can be injected while it runs, one command per line on standard input (for tests and drills):
/// <c>down ID</c>, <c>up ID</c>, <c>rtt ID MS</c>, <c>errors API CODE COUNT</c> (API a protocol key number, CODE a Kafka
/// error code), <c>errors-on ID API CODE COUNT</c> (only requests to broker ID), <c>clear API</c>. Each is answered with a line <c>ok: …</c> or <c>error: …</c>.
/// </summary>
public sealed class BrokerVerb(TextWriter output, TextReader input) : IVerb
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
        output.WriteLine("press Ctrl+C to stop; fault commands on standard input: down ID, up ID, rtt ID MS, errors API CODE COUNT, errors-on ID API CODE COUNT, clear API");
        await output.FlushAsync(cancellationToken);
        try
        {
            while (await input.ReadLineAsync(cancellationToken) is { } line)
            {
                output.WriteLine(Inject(broker, line.Trim()));
                await output.FlushAsync(cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken); // standard input closed: run until stopped
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: a normal stop.
        }

        return ExitCodes.Success;
    }

    private static string Inject(EmbeddedBroker broker, string command)
    {
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (parts)
            {
                case ["down", var id]:
                    broker.SetBrokerDown(int.Parse(id, CultureInfo.InvariantCulture));
                    break;
                case ["up", var id]:
                    broker.SetBrokerUp(int.Parse(id, CultureInfo.InvariantCulture));
                    break;
                case ["rtt", var id, var ms]:
                    broker.SetBrokerRoundTripTime(int.Parse(id, CultureInfo.InvariantCulture), int.Parse(ms, CultureInfo.InvariantCulture));
                    break;
                case ["errors", var api, var code, var count]:
                    broker.PushRequestErrors(short.Parse(api, CultureInfo.InvariantCulture), [.. Enumerable.Repeat((ErrorCode)int.Parse(code, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture))]);
                    break;
                case ["errors-on", var id, var api, var code, var count]:
                    broker.PushBrokerRequestErrors(int.Parse(id, CultureInfo.InvariantCulture), short.Parse(api, CultureInfo.InvariantCulture), (ErrorCode)int.Parse(code, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture));
                    break;
                case ["clear", var api]:
                    broker.ClearRequestErrors(short.Parse(api, CultureInfo.InvariantCulture));
                    break;
                case []:
                    return "error: empty command";
                default:
                    return $"error: unknown command '{command}' (down ID, up ID, rtt ID MS, errors API CODE COUNT, errors-on ID API CODE COUNT, clear API)";
            }

            return $"ok: {command}";
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return $"error: {command}: {e.Message}";
        }
    }
}
