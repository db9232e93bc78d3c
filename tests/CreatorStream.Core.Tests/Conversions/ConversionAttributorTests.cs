using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.Snapshots;
using CreatorStream.Core.State;
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

    [Fact]
    public void Chain_TouchesWithinAndPastTheLookback_OpenPathsMergeRepeatsAndRestartAfterExpiry()
    {
        // The spring campaign looks back 30 days: a touch more than that after the path's latest starts a new path.
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        var touches = new[]
        {
            Impression("u1", T0, creator: "anna"),
            Impression("u1", T0 + Day, creator: "anna"), // the same creator again: merged
            Impression("u1", T0 + (2 * Day), creator: "ben"),
            Impression("u2", T0, creator: "ben"),
            Impression("u2", T0 + (31 * Day), creator: "anna"), // away 31 days: a new path
            Impression("u3", T0, creator: "anna"),
            Impression("u3", T0 + (30 * Day), creator: "ben"), // away exactly the lookback: the same path
        };
        foreach (var e in touches)
        {
            attributor.Touch(e);
            attributor.Chain(e);
        }

        Assert.Equal(["anna", "ben"], attributor.OpenPathOf("u1", "spring"));
        Assert.Equal(["anna"], attributor.OpenPathOf("u2", "spring"));
        Assert.Equal(["anna", "ben"], attributor.OpenPathOf("u3", "spring"));
        Assert.Empty(attributor.OpenPathOf("u4", "spring"));
    }

    [Fact]
    public void Convert_AnOpenPathConverts_TheChainHoldsTheConvertingPathInsteadOfTheOpenOne()
    {
        // u1 goes anna -> ben and converts; u2 goes ben and does not. The chain is then exactly the two paths added to a
        // fresh chain: anna -> ben -> CONVERSION and ben -> NULL (u1's open path taken back, not kept beside its conversion).
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        foreach (var e in new[] { Impression("u1", T0, creator: "anna"), Impression("u1", T0 + 1_000, creator: "ben"), Impression("u2", T0, creator: "ben") })
        {
            attributor.Touch(e);
            attributor.Chain(e);
        }

        attributor.Convert(Conversion("u1", T0 + 2_000, 30m, id: "p1"), new AttributionDelta());
        var expected = new MarkovChain();
        expected.Add(["anna", "ben"], converted: true);
        expected.Add(["ben"], converted: false);

        var chain = attributor.ChainOf("spring");
        Assert.Equal(expected.Conversions, chain.Conversions);
        Assert.Equal(expected.ConversionProbability(), chain.ConversionProbability(), 12);
        Assert.Equal(0.5, chain.RemovalEffects()["anna"], 12); // by hand: without anna, half the starts reach ben, which converts half the time
        Assert.Equal(expected.RemovalEffects().Keys.Order(), chain.RemovalEffects().Keys.Order());
        Assert.All(expected.RemovalEffects(), p => Assert.Equal(p.Value, chain.RemovalEffects()[p.Key], 12));
        Assert.Empty(attributor.OpenPathOf("u1", "spring"));
        Assert.Equal(["ben"], attributor.OpenPathOf("u2", "spring"));
    }

    [Fact]
    public void Touch_OnePostKindAndPlatform_OneSharedSourceAcrossUsersAndAfterARestore()
    {
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        attributor.Touch(Impression("u1", T0, creator: "anna", content: "reel-1"));
        attributor.Touch(Impression("u2", T0 + 1, creator: "anna", content: "reel-1"));
        attributor.Touch(Click("u1", T0 + 2, creator: "anna", content: "reel-1"));
        var writer = new SnapshotWriter();
        attributor.Save(writer);
        var restored = new ConversionAttributor(TestCampaigns.Spring());
        restored.Load(new SnapshotReader(writer.ToArray()));

        foreach (var journeys in new[] { attributor, restored })
        {
            var (first, second) = (journeys.JourneyOf("u1"), journeys.JourneyOf("u2"));
            Assert.Same(first[0].Source, second[0].Source); // a view of the post by two users
            Assert.NotSame(first[0].Source, first[1].Source); // a view and a click
            Assert.Equal((TouchKind.Click, (Platform?)Platform.Instagram), (first[1].Kind, first[1].Platform));
        }

        Assert.Equal(attributor.JourneyOf("u1"), restored.JourneyOf("u1"));
    }
}
