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
}
