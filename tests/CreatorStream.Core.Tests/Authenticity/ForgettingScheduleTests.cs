using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The classifier's minute sweep forgets an account's engaged posts and judged engagements past their horizons by visiting
/// only the accounts due (<see cref="UserState.ForgetAt"/>), not every account. Held to a classifier that walks every
/// account each minute, as before (<see cref="AuthenticityClassifier.SweepsEveryAccount"/>), fed the same events: after
/// every sweep the two save the same bytes (the schedule is not saved, so the bytes are everything else), and no account
/// holds an entry past its horizon. Over hours of traffic with short horizons, small caps (entries leave by the cap too),
/// events out of order, accounts forgotten and coming back, and a restore halfway.
/// </summary>
public sealed class ForgettingScheduleTests
{
    private const long MinuteMs = 60_000;

    private static readonly AuthenticityOptions Options = AuthenticityOptions.Default with
    {
        PodHistoryMs = 10 * MinuteMs,
        RevisionHorizonMs = 7 * MinuteMs,
        UserRetentionMs = 40 * MinuteMs,
        MaxPostsPerUser = 3,
        MaxJudgedPerUser = 2,
    };

    [Theory]
    [InlineData(1, false, 1_000)]
    [InlineData(2, true, 1_000)]
    [InlineData(3, false, 150)] // at the cap: the least recent tenth forgotten, and back under the same key
    public void AfterEverySweep_NoAccountHoldsAnEntryPastItsHorizon(int seed, bool restoreHalfway, int maxUsers)
    {
        var random = new Random(seed);
        var options = Options with { MaxUsers = maxUsers };
        var classifier = new AuthenticityClassifier(options);
        var walking = new AuthenticityClassifier(options) { SweepsEveryAccount = true };
        var sweptMinute = long.MinValue;
        long forgotten = 0, sweeps = 0;
        const int Events = 12_000; // about three hours at one a second
        for (var i = 0; i < Events; i++)
        {
            // Mostly in time order, a tenth up to two minutes behind; 400 accounts, some quiet for long spells.
            var ts = T0 + (i * 900L) - (random.Next(10) == 0 ? random.Next(120_000) : 0);
            var user = $"user-{(random.Next(4) == 0 ? random.Next(400) : (i / 30) % 400)}";
            var post = $"post-{random.Next(12)}";
            var e = Engagement(user, ts, content: post, creator: $"creator-{random.Next(3)}") with
            {
                AccountAgeDays = random.Next(3) == 0 ? 2 : 600,
                IpHash = $"ip-{random.Next(60)}",
            };
            classifier.Classify(e);
            walking.Classify(e);

            var minute = ts - (ts % MinuteMs);
            if (minute > sweptMinute)
            {
                var before = Entries(classifier);
                classifier.Expire(ts);
                walking.Expire(ts);
                (sweptMinute, sweeps) = (minute, sweeps + 1);
                forgotten += before - Entries(classifier);
                Assert.Equal(Saved(walking), Saved(classifier));
                AssertNothingPastItsHorizon(classifier, sweptMinute);
            }

            if (restoreHalfway && i == Events / 2)
            {
                // Both restored: a restored table lists its accounts in the order saved, a table that lived on in the
                // order its free slots were filled, so only two restored ones save their accounts in the same order.
                var saved = Saved(classifier);
                Assert.Equal(Saved(walking), saved);
                classifier = new AuthenticityClassifier(options);
                classifier.Load(new SnapshotReader(saved));
                walking = new AuthenticityClassifier(options) { SweepsEveryAccount = true };
                walking.Load(new SnapshotReader(saved));
                Assert.Equal(saved, Saved(classifier));
            }
        }

        // Not vacuous: sweeps forgot entries all along, and accounts were forgotten whole and came back.
        Assert.True(sweeps > 150, $"{sweeps} sweeps");
        Assert.True(forgotten > 1_000, $"{forgotten} entries forgotten");
        Assert.True(classifier.Users.Count() < Math.Min(400, maxUsers), $"{classifier.Users.Count()} accounts remembered");
    }

    private static void AssertNothingPastItsHorizon(AuthenticityClassifier classifier, long sweptMinute)
    {
        foreach (var user in classifier.Users)
        {
            foreach (var (_, ts) in user.Posts)
            {
                Assert.True(ts >= sweptMinute - Options.PodHistoryMs, $"a post engaged at {ts} kept past the sweep at {sweptMinute}");
            }

            foreach (var judged in user.Judged)
            {
                Assert.True(judged.Ts >= sweptMinute - Options.RevisionHorizonMs, $"a judged engagement at {judged.Ts} kept past the sweep at {sweptMinute}");
            }
        }
    }

    private static byte[] Saved(AuthenticityClassifier classifier)
    {
        var writer = new SnapshotWriter();
        classifier.Save(writer);
        return writer.ToArray();
    }

    private static long Entries(AuthenticityClassifier classifier) => classifier.Users.Sum(u => (long)(u.Posts.Length + u.Judged.Length));
}
