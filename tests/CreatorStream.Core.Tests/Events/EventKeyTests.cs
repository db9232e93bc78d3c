using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Tests.Events;

/// <summary>
/// The user's and the post's keys an event makes once, with itself, for the brand task's tables: always the hashes of the
/// ids it holds, however it was made (an initializer in any order, a copy with a field changed).
/// </summary>
public sealed class EventKeyTests
{
    [Fact]
    public void Keys_OfAnEventMadeInAnyOrder_AreTheHashesOfItsIds()
    {
        var ordered = Impression("u-1", "camp", "anna", "post-1");
        var reversed = new Engagement
        {
            ContentId = "post-1",
            CreatorId = "anna",
            CampaignId = "camp",
            UserId = "u-1",
            EventId = "e-2",
            Ts = 1,
            Platform = Platform.Instagram,
            Kind = EngagementKind.Like,
        };

        foreach (AudienceEvent e in new AudienceEvent[] { ordered, reversed })
        {
            Assert.Equal(UserHash.Of("u-1"), e.UserKey);
            Assert.Equal(KeyHash.Post("camp", "anna", "post-1"), e.PostKey);
        }
    }

    [Fact]
    public void Keys_OfACopyWithAnIdChanged_FollowTheNewId()
    {
        var e = Impression("u-1", "camp", "anna", "post-1");

        var otherUser = e with { UserId = "u-2" };
        var otherPost = e with { ContentId = "post-2" };
        var otherCreator = e with { CreatorId = "ben" };

        Assert.Equal(UserHash.Of("u-2"), otherUser.UserKey);
        Assert.Equal(e.PostKey, otherUser.PostKey);
        Assert.Equal(KeyHash.Post("camp", "anna", "post-2"), otherPost.PostKey);
        Assert.Equal(KeyHash.Post("camp", "ben", "post-1"), otherCreator.PostKey);
        Assert.NotEqual(e.PostKey, otherPost.PostKey);
        Assert.Equal(e, e with { }); // the keys follow the ids, so equal events stay equal
    }

    private static Impression Impression(string user, string campaign, string creator, string content) => new()
    {
        EventId = "e-1",
        Ts = 1,
        UserId = user,
        CampaignId = campaign,
        CreatorId = creator,
        Platform = Platform.Instagram,
        ContentId = content,
        ContentFormat = ContentFormat.Post,
    };
}
