using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Composition;

public sealed class KafkaOptionSpecsTests : IDisposable
{
    private static readonly IReadOnlyList<OptionSpec> Specs = [new("kafka", "servers"), .. KafkaOptionSpecs.Security];

    private readonly TempDirectory _dir = new("kafka-options-");

    [Fact]
    public void Read_SaslWithPasswordFile_PassesUserPasswordAndProtocolToProducerAndConsumer()
    {
        var password = Write("password.txt", "pa55-word\n");

        var settings = Read("--kafka", "127.0.0.1:9", "--kafka-security-protocol", "sasl_ssl", "--kafka-sasl-mechanism", "SCRAM-SHA-512",
            "--kafka-sasl-username", "alice", "--kafka-sasl-password-file", password);

        foreach (var config in new Confluent.Kafka.ClientConfig[] { settings.Producer("p"), settings.Consumer("g", "c") })
        {
            Assert.Equal("sasl_ssl", config.Get("security.protocol"));
            Assert.Equal("SCRAM-SHA-512", config.Get("sasl.mechanism"));
            Assert.Equal("alice", config.Get("sasl.username"));
            Assert.Equal("pa55-word", config.Get("sasl.password")); // trimmed: a file's last newline is not part of it
        }
    }

    [Fact]
    public void Read_Defaults_Plaintext()
    {
        var settings = Read("--kafka", "127.0.0.1:9");

        Assert.Equal("plaintext", settings.Producer("p").Get("security.protocol"));
        Assert.Null(settings.Producer("p").Get("sasl.username"));
    }

    [Theory]
    [InlineData(new[] { "--kafka-security-protocol", "tls" }, "--kafka-security-protocol: 'tls' is not one of plaintext|ssl|sasl_plaintext|sasl_ssl")]
    [InlineData(new[] { "--kafka-security-protocol", "sasl_plaintext", "--kafka-sasl-password-file", "/nonexistent" }, "--kafka-sasl-username is required")]
    [InlineData(new[] { "--kafka-security-protocol", "sasl_plaintext", "--kafka-sasl-username", "a" }, "set CREATORSTREAM_KAFKA_SASL_PASSWORD or give --kafka-sasl-password-file")]
    [InlineData(new[] { "--kafka-security-protocol", "sasl_plaintext", "--kafka-sasl-mechanism", "GSSAPI", "--kafka-sasl-username", "a" }, "--kafka-sasl-mechanism: 'GSSAPI' is not one of")]
    [InlineData(new[] { "--kafka-sasl-username", "a" }, "--kafka-sasl-username needs --kafka-security-protocol sasl_plaintext or sasl_ssl")]
    [InlineData(new[] { "--kafka-security-protocol", "ssl", "--kafka-ssl-ca", "/nonexistent/ca.pem" }, "--kafka-ssl-ca: file '/nonexistent/ca.pem' does not exist")]
    public void Read_BadSecurityOptions_StopNamingTheOption(string[] options, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Read(["--kafka", "127.0.0.1:9", .. options]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PropertiesFile_AppliedLastWithCommentsSkipped()
    {
        var file = Write("client.properties", "# tuned for a far cluster\n\nsocket.timeout.ms = 90000\nsecurity.protocol=ssl\n");

        var config = Read("--kafka", "127.0.0.1:9", "--kafka-config", file).Consumer("g", "c");

        Assert.Equal("90000", config.Get("socket.timeout.ms"));
        Assert.Equal("ssl", config.Get("security.protocol"));
    }

    [Fact]
    public void Read_PropertiesFileWithoutEquals_NamesTheLine()
    {
        var file = Write("client.properties", "# comment\nsocket.timeout.ms 90000\n");

        var e = Assert.Throws<UsageException>(() => Read("--kafka", "127.0.0.1:9", "--kafka-config", file));

        Assert.Contains("line 2 is not name=value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MisspelledProperty_StopsStartUpWithLibrdkafkasReason()
    {
        var file = Write("client.properties", "socket.timeout.msec=90000\n");

        var e = Assert.Throws<UsageException>(() => Read("--kafka", "127.0.0.1:9", "--kafka-config", file));

        Assert.Contains("socket.timeout.msec", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SecuredSettings_ShowsNamesButNeverSecretValues()
    {
        var password = Write("password.txt", "hunter2-secret");
        var file = Write("client.properties", "ssl.key.password=key-secret\n");

        var text = Read("--kafka", "10.0.0.1:9093", "--kafka-security-protocol", "sasl_plaintext", "--kafka-sasl-username", "alice",
            "--kafka-sasl-password-file", password, "--kafka-config", file).ToString();

        Assert.Contains("10.0.0.1:9093", text, StringComparison.Ordinal);
        Assert.Contains("sasl.username=alice", text, StringComparison.Ordinal);
        Assert.Contains("sasl.password=***", text, StringComparison.Ordinal);
        Assert.Contains("ssl.key.password=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("key-secret", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A bench on the embedded broker once dropped <c>--kafka-config</c> without a word (an invalid linger ran as if
    /// unset): its properties now reach the embedded broker's clients, checked, and the security options are refused.
    /// </summary>
    [Fact]
    public void ForEmbedded_AppliesTheConfigFile_ChecksIt_AndRefusesSecurityOptions()
    {
        var file = Write("client.properties", "linger.ms=1\nfetch.wait.max.ms=2\n");
        var extra = KafkaOptionSpecs.ForEmbedded(ParsedArgs.Parse(["--kafka-config", file], Specs));
        var settings = new Kafka.KafkaClientSettings("127.0.0.1:9") { Extra = extra };
        Assert.Equal("1", settings.Producer("p").Get("linger.ms"));
        Assert.Equal("2", settings.Consumer("g", "c").Get("fetch.wait.max.ms"));

        var bad = Write("bad.properties", "linger.ms=notanumber\n");
        Assert.Equal( // librdkafka names linger.ms by its older name
            "Kafka client settings refused by librdkafka: Invalid value for configuration property \"queue.buffering.max.ms\"",
            Assert.Throws<UsageException>(() => KafkaOptionSpecs.ForEmbedded(ParsedArgs.Parse(["--kafka-config", bad], Specs))).Message);

        var refused = Assert.Throws<UsageException>(() => KafkaOptionSpecs.ForEmbedded(ParsedArgs.Parse(["--kafka-security-protocol", "ssl"], Specs)));
        Assert.Equal("option --kafka-security-protocol needs --kafka: the embedded broker speaks plaintext only", refused.Message);
        Assert.Equal("option --kafka-sasl-username needs --kafka: the embedded broker speaks plaintext only", Assert.Throws<UsageException>(() => KafkaOptionSpecs.ForEmbedded(ParsedArgs.Parse(["--kafka-sasl-username", "alice"], Specs))).Message);
        Assert.Equal("plaintext", KafkaOptionSpecs.ForEmbedded(ParsedArgs.Parse(["--kafka-security-protocol", "plaintext"], Specs))["security.protocol"]);
    }

    public void Dispose() => _dir.Dispose();

    private static Kafka.KafkaClientSettings Read(params string[] args) => KafkaOptionSpecs.Read(ParsedArgs.Parse(args, Specs));

    private string Write(string name, string content)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
