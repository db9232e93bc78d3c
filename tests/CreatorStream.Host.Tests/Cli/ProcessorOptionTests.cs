using CreatorStream.Core.Authenticity;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Cli;

/// <summary>The processing options on the command line and the <see cref="Core.Streaming.ProcessorOptions"/> they give.</summary>
public sealed class ProcessorOptionTests
{
    private static readonly IReadOnlyList<OptionSpec> Specs = [.. ProcessorOptionSpecs.All, .. LimitOptionSpecs.All];

    [Fact]
    public void Read_NoAuthenticityHorizon_GivesTheClassifierItsDefaults()
    {
        var options = ProcessorOptionSpecs.Read(ParsedArgs.Parse([], Specs));

        Assert.Equal(AuthenticityOptions.Default, options.Authenticity);
    }

    [Fact]
    public void Read_ADayOfAuthenticityHorizon_SetsUsersPostsAndPodWavesTogether()
    {
        var options = ProcessorOptionSpecs.Read(ParsedArgs.Parse(["--authenticity-horizon-ms", "86400000"], Specs));

        Assert.Equal(
            AuthenticityOptions.Default with { PodHistoryMs = 86_400_000, UserRetentionMs = 86_400_000, PostRetentionMs = 86_400_000 },
            options.Authenticity);
    }

    [Fact]
    public void Read_NoDedupExactSpan_IsTheAllowedLatenessPlusFifteenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(75), ProcessorOptionSpecs.Read(ParsedArgs.Parse([], Specs)).DedupExact);
        Assert.Equal(TimeSpan.FromMinutes(135), ProcessorOptionSpecs.Read(ParsedArgs.Parse(["--allowed-lateness-ms", "7200000"], Specs)).DedupExact);
        Assert.Equal(TimeSpan.FromHours(24), ProcessorOptionSpecs.Read(ParsedArgs.Parse(["--allowed-lateness-ms", "172800000"], Specs)).DedupExact); // at most the horizon
        Assert.Equal(TimeSpan.FromHours(2), ProcessorOptionSpecs.Read(ParsedArgs.Parse(["--dedup-exact-ms", "7200000"], Specs)).DedupExact);
    }

    [Theory]
    [InlineData("3599999")] // below the allowed lateness: copies delivered on time would rest on a filter
    [InlineData("86400001")] // past the horizon
    public void Read_DedupExactSpanOutOfRange_IsAUsageErrorNamingTheOption(string value)
    {
        var error = Assert.Throws<UsageException>(() => ProcessorOptionSpecs.Read(ParsedArgs.Parse(["--dedup-exact-ms", value], Specs)));

        Assert.Contains("--dedup-exact-ms", error.Message, StringComparison.Ordinal);
    }
}
