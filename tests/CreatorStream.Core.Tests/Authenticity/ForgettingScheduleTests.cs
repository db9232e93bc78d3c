using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The classifier's minute sweep forgets an account's engaged posts and judged engagements past their horizons by visiting
/// only the accounts due (<see cref="UserState.ForgetAt"/>), not every account. A walk over every account forgets every
/// entry past its horizon and nothing else; the schedule forgets nothing else by construction (the same calls with the same
/// cut-offs), so the two agree exactly when, after every sweep, no account anywhere still holds an entry past its horizon.
/// That is checked over hours of traffic with short horizons, small caps (entries leave by the cap too), events out of
/// order, accounts forgotten and coming back, and a restore halfway.
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
        var sweptMinute = long.MinValue;
        long forgotten = 0, sweeps = 0;
        const int Events = 12_000; // about three hours at one a second
        for (var i = 0; i < Events; i++)
        {
            // Mostly in time order, a tenth up to two minutes behind; 400 accounts, some quiet for long spells.
            var ts = T0 + (i * 900L) - (random.Next(10) == 0 ? random.Next(120_000) : 0);
            var user = $"user-{(random.Next(4) == 0 ? random.Next(400) : (i / 30) % 400)}";
            var post = $"post-{random.Next(12)}";
            classifier.Classify(Engagement(user, ts, content: post, creator: $"creator-{random.Next(3)}") with
            {
                AccountAgeDays = random.Next(3) == 0 ? 2 : 600,
                IpHash = $"ip-{random.Next(60)}",
            });

            var minute = ts - (ts % MinuteMs);
            if (minute > sweptMinute)
            {
                var before = Entries(classifier);
                classifier.Expire(ts);
                (sweptMinute, sweeps) = (minute, sweeps + 1);
                forgotten += before - Entries(classifier);
                AssertNothingPastItsHorizon(classifier, sweptMinute);
            }

            if (restoreHalfway && i == Events / 2)
            {
                var writer = new SnapshotWriter();
                classifier.Save(writer);
                var saved = writer.ToArray();
                classifier = new AuthenticityClassifier(options);
                classifier.Load(new SnapshotReader(saved));
                var again = new SnapshotWriter();
                classifier.Save(again);
                Assert.Equal(saved, again.ToArray());
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

    private static long Entries(AuthenticityClassifier classifier) => classifier.Users.Sum(u => (long)(u.Posts.Length + u.Judged.Length));
}
