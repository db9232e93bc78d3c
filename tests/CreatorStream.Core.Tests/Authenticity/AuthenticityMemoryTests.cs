using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

public sealed class AuthenticityMemoryTests
{
    [Fact]
    public void Classify_LongStreamOfNewUsers_ExpiresStateInEventTime()
    {
        // Almost seventeen hours of event time, a new user every 300 ms (each an impression and a comment, on their own
        // IP and device): 200 000 users, 1 000 000 keys. Retention keeps six hours of users (72 000) and of who met which
        // creator (72 000), two hours of impressions (24 000), ten minutes of IPs, devices and comments (6 000) and six
        // hours of posts (144), and one entry of the forgetting schedule per user held (72 000): about 246 000.
        var classifier = new AuthenticityClassifier(AuthenticityOptions.Default);
        var maxState = Feed(classifier, 200_000, spacingMs: 300);

        Assert.True(maxState < 252_000, $"max state {maxState}");
    }

    [Fact]
    public void Classify_MoreKeysThanTheCaps_StaysWithinTheCaps()
    {
        var options = new AuthenticityOptions { MaxImpressions = 5_000, MaxUsers = 2_000, MaxIdentifiers = 1_000, MaxPosts = 100 };
        var classifier = new AuthenticityClassifier(options);
        var maxState = Feed(classifier, 50_000, advance: false); // no watermark at all: only the caps hold it

        // Impressions, who met which creator (capped as impressions), users, IPs + devices + comments, posts, creators
        // scored, creators in the post index (≤ posts), and the forgetting schedule (made again from the users held when
        // stale entries of users forgotten at the cap outnumber them: at most twice the users and 1,024, plus one).
        Assert.True(maxState <= 5_000 + 5_000 + 2_000 + (3 * 1_000) + 100 + 100 + 100 + ((2 * 2_000) + 1_024 + 1), $"max state {maxState}");
    }

    private static long Feed(AuthenticityClassifier classifier, int users, bool advance = true, long spacingMs = 100)
    {
        var alerts = new List<Alert>();
        var maxState = 0L;
        for (var i = 0; i < users; i++)
        {
            var ts = T0 + (i * spacingMs);
            var content = $"post-{i / 500}";
            classifier.Classify(Impression($"u-{i}", ts, content: content) with { IpHash = $"ip-{i}" });
            classifier.Classify(Engagement($"u-{i}", ts + 50, EngagementKind.Comment, content: content) with
            {
                IpHash = $"ip-{i}",
                DeviceId = $"d-{i}",
                CommentText = $"comment {i}",
                AccountAgeDays = 400,
            });
            if (i % 1_000 == 0)
            {
                if (advance)
                {
                    classifier.Advance(ts - 5_000, 0, alerts);
                }

                maxState = Math.Max(maxState, classifier.StateSize);
            }
        }

        return maxState;
    }
}
