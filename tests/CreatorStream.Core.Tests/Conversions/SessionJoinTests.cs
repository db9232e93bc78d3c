using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.Outcomes;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>
/// docs/design.md, "Outcomes", referral quality: a site session joins the user's click by its id, or else the user's
/// latest click of its link's creator in the half hour before it began; never a click after it, another user's, or a
/// click of another creator.
/// </summary>
public sealed class SessionJoinTests
{
    private const long Minute = 60_000;

    [Fact]
    public void JoinSession_ClickId_FindsThatClickWithItsPost()
    {
        var attributor = With(Click("u1", T0, content: "post-1", platform: Platform.TikTok, id: "c1"), Click("u1", T0 + Minute, id: "c2"));

        var join = attributor.JoinSession(Session("u1", T0 + 2_000, 10_000, 2, false, click: "c1"), out var click);

        Assert.Equal(SessionJoin.ByClickId, join);
        Assert.Equal(("spring", "anna", "post-1", Platform.TikTok), (click.CampaignId, click.CreatorId, click.ContentId, click.Platform));
        Assert.Equal("c1", click.EventId);
    }

    [Fact]
    public void JoinSession_ClickIdOfAnotherUserOrAfterTheSession_IsUnknown()
    {
        var attributor = With(Click("u2", T0, id: "c1"), Click("u1", T0 + (10 * Minute), id: "c2"));

        Assert.Equal(SessionJoin.UnknownClick, attributor.JoinSession(Session("u1", T0 + 2_000, 10_000, 2, false, click: "c1"), out _));
        Assert.Equal(SessionJoin.UnknownClick, attributor.JoinSession(Session("u1", T0 + 2_000, 10_000, 2, false, click: "c2"), out _));
    }

    [Fact]
    public void JoinSession_LinkOnly_TakesTheLatestClickOfTheLinksCreatorBeforeTheStart()
    {
        var attributor = With(
            Click("u1", T0, creator: "anna", content: "early", id: "a1"),
            Click("u1", T0 + (5 * Minute), creator: "anna", content: "late", id: "a2"),
            Click("u1", T0 + (6 * Minute), creator: "ben", id: "b1"),
            Click("u1", T0 + (20 * Minute), creator: "anna", content: "after", id: "a3"));

        var join = attributor.JoinSession(Session("u1", T0 + (7 * Minute), 30_000, 3, false, link: "lnk-anna"), out var click);

        Assert.Equal(SessionJoin.ByLink, join);
        Assert.Equal("a2", click.EventId); // not b1 (ben's), not a3 (after the session began)
    }

    [Fact]
    public void JoinSession_LinkOnlyWithTheClickOverHalfAnHourBefore_IsUnmatched()
    {
        var attributor = With(Click("u1", T0, creator: "anna", id: "a1"));

        Assert.Equal(SessionJoin.ByLink, attributor.JoinSession(Session("u1", T0 + (30 * Minute), 1_000, 1, true, link: "lnk-anna"), out _));
        Assert.Equal(SessionJoin.Unmatched, attributor.JoinSession(Session("u1", T0 + (30 * Minute) + 1, 1_000, 1, true, link: "lnk-anna"), out _));
    }

    [Fact]
    public void JoinSession_NoClickIdAndAnUnknownOrNoLink_IsUnmatched()
    {
        var attributor = With(Click("u1", T0, creator: "anna", id: "a1"));

        Assert.Equal(SessionJoin.Unmatched, attributor.JoinSession(Session("u1", T0 + 1_000, 1_000, 1, true, link: "lnk-nobody"), out _));
        Assert.Equal(SessionJoin.Unmatched, attributor.JoinSession(Session("u1", T0 + 1_000, 1_000, 1, true), out _));
        Assert.Equal(SessionJoin.Unmatched, attributor.JoinSession(Session("u1", T0 + 1_000, 1_000, 1, true, link: "lnk-ben"), out _));
    }

    private static ConversionAttributor With(params Click[] clicks)
    {
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        foreach (var click in clicks)
        {
            attributor.Touch(click);
        }

        return attributor;
    }
}
