using System.Text.Json;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Testing;

namespace CreatorStream.Integration.Tests;

/// <summary>The Redis password passes through from its file to a real <c>redis-server</c> with <c>requirepass</c>, and a wrong one stops start-up clearly.</summary>
public sealed class RedisPasswordTests : IDisposable
{
    private const string Password = "correct-horse-battery";

    private readonly TempDirectory _dir = new("redis-password-");

    [Fact]
    public async Task Report_PasswordFromFile_ReadsTheStore()
    {
        await using var redis = await RedisServer.StartNewAsync(password: Password);
        var (code, output, error) = await ReportAsync(redis, Write("password", Password + "\n"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(0, JsonDocument.Parse(output).RootElement.GetProperty("dead_letters").GetInt64());
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WrongPassword_ExitsUnavailableNamingThePasswordAndNeverPrintingIt()
    {
        await using var redis = await RedisServer.StartNewAsync(password: Password);
        var (code, output, error) = await ReportAsync(redis, Write("password", "wrong-staple"));

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Empty(output);
        Assert.Contains($"cannot use Redis at {redis.Endpoint}: it refused the password", error, StringComparison.Ordinal);
        Assert.Contains("--redis-password-file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-staple", error, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Output, string Error)> ReportAsync(RedisServer redis, string passwordFile)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CommandLineApp([new ReportVerb(output, error)], output, error);
        var code = await app.RunAsync(
            ["report", "--campaigns", Write("campaigns.json", TestCampaigns.SpringJson), "--redis", redis.Endpoint, "--redis-password-file", passwordFile],
            CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
