using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The group signals counted from the post's sliding <see cref="GroupTally"/> against the oracle that scans the whole
/// window for every judgement (<see cref="ScanningGroupSignals"/>), on random windows driven as the classifier drives them:
/// entries observed in event-time order with some late ones inserted behind, judgements a lag behind the newest entry,
/// impressions marking earlier engagements shown, old entries forgotten, and now and then a judgement out of order.
/// Thresholds are small so that every signal fires often; every finding and every member set must be the oracle's.
/// With accounts known clear (revisions found nothing of theirs on the post, <see cref="PostState.MarkClear"/>; some
/// then judged authentic again, <see cref="PostState.JudgedAuthentic"/>), the exposure, template and praise member sets
/// are the oracle's less exactly the accounts a plain set says are known clear now: none missed, none left in.
/// </summary>
public sealed class GroupTallyTests
{
    private static readonly AuthenticityOptions Small = AuthenticityOptions.Default with
    {
        JudgeLagMs = 8_000,
        GroupWindowMs = 60_000,
        GroupReachMs = 150_000,
        ReturnWindowMs = 20_000,
        MemberGapMs = 15_000,
        ExposureGapMin = 3,
        ExposureGapShare = 0.3,
        TemplateMinAccounts = 2,
        TemplateMinShare = 0.2,
        ReturnMinAccounts = 2,
        ReturnMinShare = 0.2,
        PraiseWaveMin = 2,
        PraiseWaveShare = 0.2,
        PraiseWaveViewShare = 0.1,
    };

    // Long enough for a template (six characters and more), near-duplicates of each other, short lines, generic praise.
    private static readonly string[] Texts =
        ["Amazing post! Keep it up", "Amazing pic! Keep it up", "so good!", "love this", "lol", "where is it from?", "Yesss 🔥", "YESSS!!"];

    public static TheoryData<int, bool, bool> Seeds()
    {
        var seeds = new TheoryData<int, bool, bool>();
        foreach (var seed in Enumerable.Range(1, 24))
        {
            seeds.Add(seed, false, false);
            seeds.Add(seed, true, false);
        }

        // A judge lag longer than a group's member gap: a run can end between the judged event and the end of what it reads.
        foreach (var seed in Enumerable.Range(1, 8))
        {
            seeds.Add(seed, true, true);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Of_RandomWindowsJudgedALagBehind_EqualsTheScanOfTheWholeWindowLessTheAccountsKnownClear(int seed, bool knownClear, bool lagPastGap)
    {
        var options = lagPastGap ? Small with { JudgeLagMs = 40_000 } : Small;
        var random = new Random(seed);
        var clear = new HashSet<ulong>(); // the model: accounts known to hold nothing to revise on the post
        var prints = Texts.Select(CommentPrint.Of).ToArray();
        var post = new PostState("campaign", "creator", "post");
        var tallied = new GroupSignals(options);
        var scanned = new ScanningGroupSignals(options);
        var pending = new PriorityQueue<(ulong User, long Ts), (long Ts, int Order)>();
        var fired = new int[5];
        long newest = 1_000_000, judged = long.MinValue;
        var users = 6 + random.Next(20);

        for (var step = 0; step < 2_500; step++)
        {
            newest += random.Next(0, 1_500);
            var ts = random.NextDouble() < 0.08 ? newest - random.Next(1, 12_000) : newest; // some arrive behind
            var user = (ulong)random.Next(users);
            var roll = random.NextDouble();
            if (knownClear && random.NextDouble() < 0.1)
            {
                // A revision found the account clear, or the account was judged authentic on the post again.
                if (random.NextDouble() < 0.7)
                {
                    post.MarkClear(user);
                    clear.Add(user);
                }
                else
                {
                    post.JudgedAuthentic(user);
                    clear.Remove(user);
                }

                continue;
            }

            if (roll < 0.07)
            {
                // An impression logged after the account's engagements: they were shown after all.
                post.MarkShown(user, ts - options.JudgeLagMs, ts);
                continue;
            }

            if (roll < 0.12)
            {
                post.CountNewcomerView(ts);
                continue;
            }

            var click = random.NextDouble() < 0.1;
            // A click says nothing; a third of the accounts only ever comment (as bought comments do).
            var printIndex = !click && (user % 3 == 0 || random.NextDouble() < 0.45) ? random.Next(prints.Length) : -1;
            var entry = new WindowEntry(
                Ts: ts,
                User: user,
                Kind: click ? WindowEntry.Click : (byte)random.Next(4),
                Shown: random.NextDouble() < 0.5,
                Newcomer: random.NextDouble() < 0.6,
                Returning: printIndex >= 0 && random.NextDouble() < 0.4,
                Praise: printIndex is 2 or 3 && random.NextDouble() < 0.8,
                Chat: random.NextDouble() < 0.04,
                Print: printIndex >= 0 ? prints[printIndex] : null);
            post.Observe(entry);
            if (entry.IsEngagement)
            {
                pending.Enqueue((user, ts), (ts, step));
            }

            // Judge what the lag has passed, in event-time order; now and then one out of order, as a restored task might.
            while (pending.TryPeek(out var due, out _) && due.Ts <= newest - options.JudgeLagMs)
            {
                pending.Dequeue();
                Compare(post, due.User, due.Ts, tallied, scanned, clear, fired, $"seed {seed}, step {step}");
                judged = Math.Max(judged, due.Ts);
            }

            if (random.NextDouble() < 0.01 && judged != long.MinValue)
            {
                Compare(post, user, judged - random.Next(0, 30_000), tallied, scanned, clear, fired, $"seed {seed}, step {step}, out of order");
            }

            if (step % 50 == 0 && judged != long.MinValue)
            {
                // As the classifier expires: what no judgement will read again.
                post.ForgetWindowBefore(judged - Math.Max(options.GroupWindowMs, options.GroupReachMs) - options.JudgeLagMs);
                if (post.Window.Count == 0)
                {
                    clear.Clear(); // the post forgets who was clear with its window's last entry
                }
            }

            Assert.Equal(clear.Count, post.KnownClearAccounts);
        }

        Assert.All(fired, count => Assert.True(count > 0, $"seed {seed}: every signal fires somewhere ({string.Join(", ", fired)})"));
    }

    [Fact]
    public void Of_AForgettingThatReachesIntoTheWindow_StartsTheTallyAgain()
    {
        var post = new PostState("campaign", "creator", "post");
        var options = Small with { ExposureGapMin = 2, ExposureGapShare = 0.5 };
        var tallied = new GroupSignals(options);
        for (var i = 0; i < 4; i++)
        {
            post.Observe(new WindowEntry(10_000 + (i * 1_000), (ulong)i, 0, Shown: false, Newcomer: true, false, false, false, null));
        }

        Assert.True(tallied.Of(post, 3, 13_000, chat: false).ExposureGap); // four unexposed likes of four

        // Forgetting the first three leaves one unexposed like: no longer most of a group of at least two.
        post.ForgetWindowBefore(12_500);
        Assert.False(tallied.Of(post, 3, 13_000, chat: false).ExposureGap);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void Classifier_ATemplateSimilarityTheBandsCannotServe_StopsAtConstructionNamingIt(double similarity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuthenticityClassifier(AuthenticityOptions.Default with { TemplateSimilarity = similarity }));
        Assert.Contains(nameof(AuthenticityOptions.TemplateSimilarity), error.Message, StringComparison.Ordinal);
    }

    private static void Compare(PostState post, ulong user, long ts, GroupSignals tallied, ScanningGroupSignals scanned, HashSet<ulong> clear, int[] fired, string where)
    {
        var expected = Describe(scanned.Of(post, user, ts, chat: false), clear);
        var actual = Describe(tallied.Of(post, user, ts, chat: false));
        Assert.True(expected == actual, $"{where}: expected {expected}, got {actual}");
        var f = scanned.Of(post, user, ts, chat: false);
        bool[] signals = [f.ExposureGap, f.TemplateWave, f.ReturningGroup, f.PraiseWave, f.CopiesDominate];
        for (var i = 0; i < signals.Length; i++)
        {
            fired[i] += signals[i] ? 1 : 0;
        }
    }

    // The oracle's findings with the accounts known clear left out of the member sets a revision reads through the
    // window (the returners come from the tally, whole: the revision looks those up itself).
    private static string Describe(Findings f, IReadOnlySet<ulong>? clear = null) =>
        $"gap {f.ExposureGap} template {f.TemplateWave} returning {f.ReturningGroup} praise {f.PraiseWave} copies {f.CopiesDominate}; " +
        $"unexposed [{Members(f.Unexposed, clear)}] template [{Members(f.Template, clear)}] returners [{Members(f.Returners)}] praisers [{Members(f.Praisers, clear)}]";

    private static string Members(IReadOnlyCollection<ulong> users, IReadOnlySet<ulong>? clear = null) =>
        string.Join(",", users.Where(u => clear is null || !clear.Contains(u)).Order());
}
