using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// Accounts the classifier lets go (the least recent tenth at the cap, or the sweep's) are emptied and kept for users
/// first seen later. Held to a classifier that makes every account anew (<see cref="AuthenticityClassifier.KeepsSpareUsers"/>
/// false), fed the same events: every verdict, every flagged-accounts listing and, after every sweep, the saved bytes
/// are the same. Over hours of traffic with far more accounts than the cap, bursts and new accounts that get flagged,
/// shared addresses, listings between events (they keep accounts by reference), and events out of order.
/// </summary>
public sealed class SpareUsersTests
{
    private const long MinuteMs = 60_000;

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 250)]
    public void KeptAccounts_JudgeAndSaveAsNewOnes(int seed, int maxUsers)
    {
        var options = AuthenticityOptions.Default with { MaxUsers = maxUsers, PodHistoryMs = 30 * MinuteMs, UserRetentionMs = 600 * MinuteMs };
        var kept = new AuthenticityClassifier(options);
        var fresh = new AuthenticityClassifier(options) { KeepsSpareUsers = false };
        var random = new Random(seed);
        var sweptMinute = long.MinValue;
        var mostSpare = 0;
        var listings = 0; // listings that held a flagged account
        const int Events = 8_000;
        for (var i = 0; i < Events; i++)
        {
            // 1,500 accounts, a sixth of the traffic from a few busy ones (bursts); a tenth up to two minutes late.
            var ts = T0 + (i * 1_500L) - (random.Next(10) == 0 ? random.Next(120_000) : 0);
            var user = random.Next(6) == 0 ? $"busy-{random.Next(5)}" : $"user-{random.Next(1_500)}";
            var e = Engagement(user, ts, content: $"post-{random.Next(8)}", creator: $"creator-{random.Next(2)}") with
            {
                AccountAgeDays = random.Next(4) == 0 ? 1 : 700,
                IpHash = $"ip-{random.Next(40)}",
            };

            Assert.Equal(Read(fresh.Classify(e)), Read(kept.Classify(e)));
            mostSpare = Math.Max(mostSpare, kept.SpareUsers);

            if (i % 500 == 0)
            {
                var listed = Listed(kept);
                Assert.Equal(Listed(fresh), listed);
                listings += kept.FlaggedAccounts("spring", null, null, 50).Count > 0 ? 1 : 0;
            }

            var minute = ts - (ts % MinuteMs);
            if (minute > sweptMinute)
            {
                kept.Expire(ts);
                fresh.Expire(ts);
                sweptMinute = minute;
                Assert.Equal(Saved(fresh), Saved(kept));
            }
        }

        // Not vacuous: the cap let accounts go (the retention is longer than the run, so the sweep forgot none whole) and
        // kept them, and new users took them.
        Assert.Equal(0, fresh.SpareUsers);
        Assert.True(listings > 3, $"{listings} listings held a flagged account");
        Assert.True(mostSpare >= (maxUsers / 10) - 1, $"at most {mostSpare} accounts kept"); // a tenth let go, one taken at once
        Assert.True(kept.Users.Count() <= maxUsers, $"{kept.Users.Count()} accounts remembered");
    }

    private static byte[] Listed(AuthenticityClassifier classifier) => FlaggedAccountJson.Write(classifier.FlaggedAccounts("spring", null, null, 50));

    private static (bool, double, string) Read(AuthenticityVerdict verdict) => (verdict.IsAuthentic, verdict.Suspicion, string.Join(',', verdict.Reasons));

    private static byte[] Saved(AuthenticityClassifier classifier)
    {
        var writer = new SnapshotWriter();
        classifier.Save(writer);
        return writer.ToArray();
    }
}
