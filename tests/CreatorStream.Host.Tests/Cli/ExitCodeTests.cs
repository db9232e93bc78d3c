using CreatorStream.Host.Cli;

namespace CreatorStream.Host.Tests.Cli;

public sealed class ExitCodeTests
{
    private readonly StringWriter _error = new();

    [Fact]
    public async Task RunAsync_UnexpectedFault_ExitsOneWithTheMessageFirst()
    {
        var code = await Run(_ => throw new InvalidOperationException("the disk is on fire"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("creatorstream test: failed: the disk is on fire", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CtrlCDuringAFiniteJob_ExitsInterrupted()
    {
        using var stopping = new CancellationTokenSource();

        var code = await Run(
            async token =>
            {
                await stopping.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
            },
            stopping.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("interrupted before it was done", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFile_IsAUsageError()
    {
        var code = await Run(_ => File.ReadAllTextAsync("/nonexistent/events.jsonl"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("cannot open a file", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/nonexistent/events.jsonl", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RedisRefusesThePassword_ExitsUnavailableSayingWhatToCheck()
    {
        var code = await Run(_ => throw new Redis.RedisUnreachableException("127.0.0.1:6379", "it refused the password (or needs one)"));

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("cannot use Redis at 127.0.0.1:6379: it refused the password", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("CREATORSTREAM_REDIS_PASSWORD or --redis-password-file", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_KafkaUnreachable_ExitsUnavailableSayingWhatToCheck()
    {
        var code = await Run(_ => throw new Kafka.KafkaUnreachableException("127.0.0.1:9", "no broker answered within 15 s"));

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("cannot use Kafka at 127.0.0.1:9: no broker answered", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--kafka-security-protocol", _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Run(Func<CancellationToken, Task> body, CancellationToken cancellationToken = default) =>
        new CommandLineApp([new DelegateVerb(body)], TextWriter.Null, _error).RunAsync(["test"], cancellationToken);

    private sealed class DelegateVerb(Func<CancellationToken, Task> body) : IVerb
    {
        public string Name => "test";

        public string Summary => "runs a test body";

        public IReadOnlyList<OptionSpec> Options => [];

        public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
        {
            await body(cancellationToken);
            return ExitCodes.Success;
        }
    }
}
