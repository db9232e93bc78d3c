using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Testing;

namespace CreatorStream.Integration.Tests;

/// <summary>TLS to a real <c>redis-server</c> listening with a private CA's certificate: trusted through <c>--redis-tls-ca</c>, refused without it.</summary>
public sealed class RedisTlsTests : IDisposable
{
    private readonly TempDirectory _dir = new("redis-tls-");

    [Fact]
    public async Task Report_TlsWithThePrivateCa_ReadsTheStoreAndWithoutItIsRefused()
    {
        using var certificate = LoopbackCertificate.Create();
        var pem = LoopbackCertificate.WritePem(certificate, _dir.Path);
        await using var redis = await RedisServer.StartNewAsync(tls: pem);
        var endpoint = $"127.0.0.1:{redis.TlsPort}";

        var trusted = await ReportAsync("--redis", endpoint, "--redis-tls", "--redis-tls-ca", pem.Certificate);
        var untrusted = await ReportAsync("--redis", endpoint, "--redis-tls");

        Assert.Equal(ExitCodes.Success, trusted.Code);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(trusted.Output).RootElement.GetProperty("dead_letters").GetInt64());
        Assert.Equal(ExitCodes.Unavailable, untrusted.Code);
        Assert.Contains($"cannot use Redis at {endpoint}", untrusted.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Output, string Error)> ReportAsync(params string[] redisArgs)
    {
        var campaigns = _dir.Combine("campaigns.json");
        await File.WriteAllTextAsync(campaigns, TestCampaigns.SpringJson);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CommandLineApp([new ReportVerb(output, error)], output, error).RunAsync(["report", "--campaigns", campaigns, .. redisArgs], CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
