using CreatorStream.Core.Configuration;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Verbs;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Composition;

public sealed class WebOptionSpecsTests
{
    [Fact]
    public void Read_NoOptions_GivesTheDocumentedDefaults()
    {
        var options = Read();

        Assert.Equal(new WebOptions().Urls, options.Urls);
        Assert.Empty(options.AllowedOrigins);
        Assert.Equal((65_536L, 32_768, 32_768L), (options.MaxRequestBodyBytes, options.MaxRequestHeadersBytes, options.MaxHubMessageBytes));
        Assert.Equal((20, 100), (options.RateLimitPerSecond, options.RateLimitBurst));
    }

    [Fact]
    public void Read_EveryOption_IsTaken()
    {
        var options = Read(
            "--urls", "http://0.0.0.0:9000", "--allowed-origins", "https://a.example, https://b.example:8443", "--max-request-body", "2048",
            "--max-request-headers", "16384", "--max-hub-message", "4096", "--rate-limit", "5", "--rate-burst", "7");

        Assert.Equal("http://0.0.0.0:9000", options.Urls);
        Assert.Equal(["https://a.example", "https://b.example:8443"], options.AllowedOrigins);
        Assert.Equal((2048L, 16384, 4096L, 5, 7), (options.MaxRequestBodyBytes, options.MaxRequestHeadersBytes, options.MaxHubMessageBytes, options.RateLimitPerSecond, options.RateLimitBurst));
    }

    [Theory]
    [InlineData("--rate-limit", "0")]
    [InlineData("--rate-burst", "0")]
    [InlineData("--max-request-body", "10")]
    [InlineData("--max-request-headers", "100")]
    [InlineData("--max-hub-message", "0")]
    [InlineData("--allowed-origins", "*")]
    [InlineData("--allowed-origins", "https://a.example/dashboard")]
    [InlineData("--allowed-origins", "null")]
    [InlineData("--allowed-origins", "ftp://a.example")]
    public void Read_ABadValue_StopsStartUpNamingTheOption(string option, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(option, value));

        Assert.Equal(option, error.Field);
        Assert.Contains(value, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnOutbox_IsMadeIfMissing_AndOneThatCannotBeWrittenStopsStartUp()
    {
        using var dir = new Testing.TempDirectory("web-options-");
        var file = dir.Combine("a-file");
        File.WriteAllText(file, "");

        var options = Read("--outbox", dir.Combine("outbox/nested"));
        var error = Assert.Throws<ConfigurationException>(() => Read("--outbox", Path.Combine(file, "outbox")));

        Assert.True(Directory.Exists(options.Outbox));
        Assert.Equal("--outbox", error.Field);
        Assert.Contains("cannot be written to", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotANumber_IsAUsageErrorNamingTheOption()
    {
        var error = Assert.Throws<UsageException>(() => Read("--rate-limit", "fast"));

        Assert.Contains("--rate-limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebVerb_ABadRateLimit_ExitsWithUsageBeforeConnectingAnywhere()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var dir = new Testing.TempDirectory("web-options-");
        var campaigns = dir.Combine("campaigns.json");
        await File.WriteAllTextAsync(campaigns, Testing.TestCampaigns.SpringJson);
        Environment.SetEnvironmentVariable(ApiKeyFile.KeyVariable, null);
        var keys = dir.Combine("keys.json");
        await File.WriteAllTextAsync(keys, """{"keys":[{"sha256":"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"}]}""");
        var app = new CommandLineApp([new WebVerb(error)], output, error);

        var exit = await app.RunAsync(["web", "--campaigns", campaigns, "--api-keys", keys, "--redis", "127.0.0.1:1", "--rate-limit", "0"], CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("configuration error at --rate-limit: 0 is not between 1 and 1000000", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("run")]
    public void Verbs_WithAWebRole_ListEveryWebOption(string verb)
    {
        IVerb found = verb == "web" ? new WebVerb(TextWriter.Null) : new RunVerb(TextWriter.Null, TextWriter.Null, TimeProvider.System);

        Assert.Equal(WebOptionSpecs.All.Select(o => o.Name), found.Options.Select(o => o.Name).Intersect(WebOptionSpecs.All.Select(o => o.Name)));
    }

    private static WebOptions Read(params string[] args) => WebOptionSpecs.Read(ParsedArgs.Parse(args, WebOptionSpecs.All));
}
