using System.Text.RegularExpressions;
using Confluent.Kafka;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Kafka;

namespace CreatorStream.Integration.Tests;

public sealed partial class BrokerVerbTests
{
    [Fact]
    public async Task RunAsync_Started_PrintsALoopbackBootstrapWhereTheProjectsTopicsExist()
    {
        var output = new StringWriter();
        var verb = new BrokerVerb(TextWriter.Synchronized(output), TextReader.Null);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = verb.RunAsync(ParsedArgs.Parse(["--partitions", "8"], verb.Options), stop.Token);

        var bootstrap = "";
        for (var i = 0; i < 100 && bootstrap.Length == 0; i++)
        {
            bootstrap = BootstrapLine().Match(output.ToString()) is { Success: true } match ? match.Groups[1].Value : "";
            await Task.Delay(50);
        }

        Assert.Matches(@"^127\.0\.0\.1:\d+$", bootstrap);
        using var admin = new AdminClientBuilder(new KafkaClientSettings(bootstrap).Producer("admin")).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        foreach (var topic in Topics.All)
        {
            Assert.Equal(8, metadata.Topics.Single(t => t.Topic == topic).Partitions.Count);
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, await running);
    }

    [GeneratedRegex(@"^bootstrap: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex BootstrapLine();
}
