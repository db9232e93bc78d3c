using CreatorStream.Core.Conversions;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class ConversionAttributorTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Evict_UserGoneQuietPastTheLookback_ForgetsTheOpenPathButKeepsTheOthers()
    {
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        var quiet = Impression("quiet", T0, creator: "anna");
        var active = Impression("active", T0 + (20 * Day), creator: "ben");
        foreach (var e in new[] { quiet, active })
        {
            attributor.Touch(e);
            attributor.Chain(e);
        }

        Assert.Equal(2, attributor.OpenPaths);

        attributor.Evict(T0 + (31 * Day)); // the spring campaign looks back 30 days; no lateness allowed here

        Assert.Equal(1, attributor.OpenPaths);
        Assert.Equal(1, attributor.Users);
    }

    [Fact]
    public void Evict_WithinTheAllowedLatenessBeyondTheLookback_KeepsTheOpenPath()
    {
        // An event up to the allowed lateness behind the watermark can still arrive and continue the path.
        var attributor = new ConversionAttributor(TestCampaigns.Spring(), allowedLateness: TimeSpan.FromHours(1));
        var e = Impression("u1", T0, creator: "anna");
        attributor.Touch(e);
        attributor.Chain(e);

        attributor.Evict(T0 + (30 * Day) + 1_800_000);
        var kept = attributor.OpenPaths;
        attributor.Evict(T0 + (30 * Day) + 3_600_001);

        Assert.Equal(1, kept);
        Assert.Equal(0, attributor.OpenPaths);
    }

    [Theory]
    [InlineData(1_000, false)]
    [InlineData(30 * Day, false)]
    [InlineData((30 * Day) + 1, true)]
    public void ExpiredAt_ByTheTimeSinceTheLatestTouch(long away, bool expired)
    {
        var path = new OpenPath { LastTs = T0 };
        path.Add("anna");

        Assert.Equal(expired, path.ExpiredAt(T0 + away, 30 * Day));
    }
}
