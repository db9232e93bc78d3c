using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Cli;

/// <summary>A bad option or campaign file stops start-up (exit code 2) with a message naming the option or field, before anything is reached or started.</summary>
public sealed class BadConfigurationTests
{
    // The theory data names these files, so they live as long as the test process.
    private static readonly TempDirectory Files = TempDirectory.UntilProcessExit("bad-config-");

    private static readonly string Campaigns = WriteCampaigns(TestCampaigns.SpringJson);

    private static readonly string BadCampaigns = WriteCampaigns(TestCampaigns.SpringJson.Replace("\"lookback_days\":30", "\"lookback_days\":0", StringComparison.Ordinal));

    public static TheoryData<string[], string> Cases => new()
    {
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--redis", "localhost"], "option --redis: 'localhost' is not HOST:PORT" },
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--redis", "127.0.0.1:6379", "--redis-prefix", "a:b"], "option --redis-prefix: 'a:b' must be non-empty" },
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", BadCampaigns, "--redis", "127.0.0.1:6379"], "configuration error at campaigns[0].attribution.lookback_days: must be between 1 and 365" },
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", "/nonexistent/campaigns.json", "--redis", "127.0.0.1:6379"], "configuration error at --campaigns: file '/nonexistent/campaigns.json' does not exist" },
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--redis", "127.0.0.1:6379", "--watermark-delay-ms", "soon"], "option --watermark-delay-ms must be a whole number between 0 and 86400000, not 'soon'" },
        { ["worker", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--redis", "127.0.0.1:6379", "--kafka-security-protocol", "sasl_ssl"], "option --kafka-sasl-username is required with a sasl_* security protocol" },
        { ["run", "--rate", "0"], "option --rate must be a number between 0.01 and 1000000, not '0'" },
        { ["replay", "--events", Campaigns, "--campaigns", Campaigns, "--authenticity-horizon-ms", "1000"], "option --authenticity-horizon-ms must be a whole number between 600000 and 604800000, not '1000'" },
        { ["run", "--redis", "127.0.0.1"], "option --redis: '127.0.0.1' is not HOST:PORT" },
        { ["generate", "--out", "/tmp/x.jsonl", "--duplicate-rate", "2"], "option --duplicate-rate must be a number between 0 and 0.5, not '2'" },
        { ["generate", "--out", "/tmp/x.jsonl", "--kafka", "127.0.0.1:9"], "give exactly one of --out FILE or --kafka BOOTSTRAP" },
        { ["replay", "--events", "/nonexistent/events.jsonl", "--campaigns", Campaigns], "option --events: file '/nonexistent/events.jsonl' does not exist" },
        { ["replay", "--events", Campaigns, "--campaigns", BadCampaigns], "configuration error at campaigns[0].attribution.lookback_days" },
        { ["produce", "--events", Campaigns], "option --kafka is required" },
        { ["web", "--campaigns", Campaigns], "option --redis is required" },
        { ["broker", "--partitions", "0"], "option --partitions must be a whole number between 1 and 1024, not '0'" },
        { ["collect", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--site-keys", SiteKeys("nobody")], "configuration error at sites[0].brand_id: brand 'nobody' has no configured campaign" },
        { ["collect", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--site-keys", SiteKeys("acme"), "--collect-session-idle-ms", "5"], "option --collect-session-idle-ms must be a whole number between 1000 and 86400000, not '5'" },
        { ["collect", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns], "option --site-keys is required" },
        { ["run", "--api-key-file", Write("key", SharedKey), "--site-keys", SiteKeys("acme", SharedKey)], "option --site-keys: site 'web' has the dashboard's API key as its write key" },
        { ["import-insights", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--source", "x", "--file", Write("bad.csv", "post_id,date,impressions,creator_id,campaign_id,platform\nig-1,2026-11-20,5,zoe,spring,instagram\n")], "line 2: creator 'zoe' is not in campaign 'spring'" },
        { ["import-insights", "--kafka", "127.0.0.1:9", "--campaigns", Campaigns, "--source", "x", "--file", Write("bad.json", "{\"rows\": 1}")], "option --file: " },
    };

    private const string SharedKey = "a-key-used-for-both-roles";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_BadOption_StopsWithExitCodeTwoNamingIt(string[] args, string expected)
    {
        var error = new StringWriter();
        var app = new CommandLineApp(VerbCatalog.All(TextWriter.Null, error, TextReader.Null, TimeProvider.System), TextWriter.Null, error);

        var code = await app.RunAsync(args, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private static string SiteKeys(string brand, string key = "a-site-write-key") =>
        Write("site-keys.json", $$"""{"sites":[{"site_id":"web","key_sha256":"{{Convert.ToHexString(Host.Collect.SiteKeys.Hash(key))}}","brand_id":"{{brand}}"}]}""");

    private static string Write(string name, string text)
    {
        var path = Files.Combine($"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteCampaigns(string json)
    {
        var path = Files.Combine($"campaigns-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
