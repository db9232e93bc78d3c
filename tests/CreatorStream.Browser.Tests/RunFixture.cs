using CreatorStream.Host.Verbs;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Starts <c>creatorstream run</c> in this process (embedded broker, generator, worker, web) on a free loopback port
/// with a known key, and stops it after the tests.
/// </summary>
public class RunFixture : IAsyncLifetime
{
    /// <summary>Events per second the generator offers (<c>run --rate</c>).</summary>
    protected virtual int Rate => 150;

    public const string ApiKey = "browser-test-key";

    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _running;
    private TempDirectory? _keyDirectory;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public virtual async Task InitializeAsync()
    {
        var verb = new RunVerb(TextWriter.Null, TextWriter.Null, TimeProvider.System);
        _keyDirectory = new TempDirectory("run-key-");
        var keyFile = _keyDirectory.Combine("key");
        await File.WriteAllTextAsync(keyFile, ApiKey);
        var args = Host.Cli.ParsedArgs.Parse(["--urls", BaseUrl, "--api-key-file", keyFile, "--rate", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)], verb.Options);
        _running = Task.Run(() => verb.RunAsync(args, _stop.Token));
        using var http = new HttpClient();
        await Eventually.ReturnsAsync(
            async () => _running.IsCompleted ? throw new InvalidOperationException("run exited early") : (await http.GetAsync(BaseUrl + "/api/health")).IsSuccessStatusCode,
            ok => ok,
            TimeSpan.FromSeconds(60),
            "run answering /api/health");
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync();
            if (_running is not null)
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(30));
            }

            _stop.Dispose();
        }
        finally
        {
            _keyDirectory?.Dispose();
        }
    }
}

/// <summary><c>run --rate 200</c>: the load issue 26 weighs the dashboard at.</summary>
public sealed class RunAtTwoHundredFixture : RunFixture
{
    protected override int Rate => 200;
}
