using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;
using CreatorStream.Core.State;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The flagged accounts' listing (<see cref="AuthenticityClassifier.FlaggedAccounts(IReadOnlyCollection{FlagScope}, int)"/>)
/// against a listing written apart from it: every flagged account of every scope made whole, then sorted and cut as the
/// listing promises (the way the classifier listed them before session 47, which made an object for each). Ties in
/// suspicion and flagged counts are planted, and the ids take every shape a key has (packed, UUID, kept as a string), so
/// the id tie-break is exercised across shapes.
/// </summary>
public sealed class FlaggedAccountsListingTests
{
    private static readonly AuthenticityOptions Options = AuthenticityOptions.Default with { NewAccountWeight = 0.25, ExposureGapMin = int.MaxValue };

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 50)]
    [InlineData(5, int.MaxValue)]
    public void FlaggedAccounts_ManyScopesAndTies_AreWhatAWholeListingSortedAndCutGives(int seed, int limit)
    {
        var classifier = Flagging(seed, users: 900);
        var scopes = Scopes();

        var listed = classifier.FlaggedAccounts(scopes, limit);
        var expected = WholeListing(classifier, scopes, limit);

        Assert.Equal(expected.Select(e => e.Key), listed.Keys); // the same scopes, in the order first found
        foreach (var (scope, accounts) in expected)
        {
            Assert.Equal(accounts.Select(Row), listed[scope].Select(Row));
        }

        // Not vacuous: many accounts, several scopes cut short, and neighbours that only their ids order.
        var whole = WholeListing(classifier, scopes, int.MaxValue);
        Assert.True(whole.Sum(e => e.Value.Count) > 1_000, $"{whole.Sum(e => e.Value.Count)} listed");
        Assert.True(whole.Count(e => e.Value.Count > 50) >= 3);
        Assert.True(whole.Sum(e => e.Value.Zip(e.Value.Skip(1)).Count(p => p.First.Suspicion == p.Second.Suspicion && p.First.EngagementsFlagged == p.Second.EngagementsFlagged)) > 100);
        Assert.Contains(whole, e => e.Value.Zip(e.Value.Skip(1)).Any(p => p.First.AccountId == p.Second.AccountId && p.First.Suspicion == p.Second.Suspicion && p.First.LastSeenTs != p.Second.LastSeenTs));
    }

    [Fact]
    public void FlaggedAccounts_CalledAgain_GivesTheSameLists()
    {
        var classifier = Flagging(seed: 9, users: 300);
        var scopes = Scopes();

        var first = classifier.FlaggedAccounts(scopes, 7);
        var second = classifier.FlaggedAccounts(scopes, 7);

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, e => Assert.Equal(e.Value.Select(Row), second[e.Key].Select(Row)));
        Assert.Empty(classifier.FlaggedAccounts([new FlagScope("nobody", null, null)], 7));
    }

    [Fact]
    public void FlaggedAccounts_ListedAgain_ShareWhatNoNewFlagChanged_AndShowTheNewFlags()
    {
        var classifier = Flagging(seed: 13, users: 600);
        var scopes = Scopes();
        var first = classifier.FlaggedAccounts(scopes, 50);

        // Some listed accounts engage again, from the proxies, and are flagged again: their reason counts grow.
        var again = first.Values.SelectMany(a => a).Select(a => a.AccountId).Distinct().Where((_, i) => i % 5 == 0).ToList();
        for (var k = 0; k < again.Count; k++)
        {
            var (campaign, creator, content) = Posts[k % Posts.Length];
            classifier.Classify(Engagement(again[k], T0 + 800_000 + k, campaign: campaign, creator: creator, content: content) with { AccountAgeDays = 3, IpHash = "proxy-1" });
        }

        var second = classifier.FlaggedAccounts(scopes, 50);

        var expected = WholeListing(classifier, scopes, 50);
        Assert.Equal(expected.Select(e => e.Key), second.Keys);
        foreach (var (scope, accounts) in expected)
        {
            Assert.Equal(accounts.Select(Row), second[scope].Select(Row));
        }

        // Not vacuous: accounts listed both times with new reasons, and others sharing the reasons made the first time.
        var before = first.Values.SelectMany(a => a).GroupBy(a => a.AccountId).ToDictionary(g => g.Key, g => g.First().ReasonCounts);
        var listedAgain = second.Values.SelectMany(a => a).Where(a => before.ContainsKey(a.AccountId)).ToList();
        Assert.True(listedAgain.Count(a => !Same(before[a.AccountId], a.ReasonCounts)) >= 5, "accounts listed again with new reasons");
        Assert.True(listedAgain.Count(a => ReferenceEquals(before[a.AccountId], a.ReasonCounts)) >= 50, "accounts sharing their reasons");

        static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
            a.Count == b.Count && a.All(r => b.TryGetValue(r.Key, out var n) && n == r.Value);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public void FlaggedAccounts_AfterARestore_AreTheSameLists_AndTheAccountsShareTheirPosts(int limit)
    {
        var classifier = Flagging(seed: 17, users: 900);
        var scopes = Scopes();
        var before = classifier.FlaggedAccounts(scopes, limit);

        var writer = new SnapshotWriter();
        classifier.Save(writer);
        var restored = new AuthenticityClassifier(Options);
        restored.Load(new SnapshotReader(writer.ToArray()));
        var after = restored.FlaggedAccounts(scopes, limit);

        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, e => Assert.Equal(e.Value.Select(Row), after[e.Key].Select(Row)));
        var expected = WholeListing(restored, scopes, limit);
        Assert.Equal(expected.Select(e => e.Key), after.Keys);
        Assert.All(expected, e => Assert.Equal(e.Value.Select(Row), after[e.Key].Select(Row)));

        // One instance per post, as flagging made them: a listing resolves a post's scopes once, not once per account.
        var posts = restored.Users.SelectMany(u => u.FlaggedOn.ToArray()).ToList();
        Assert.True(posts.Count > 1_000, $"{posts.Count} accounts' posts");
        Assert.Equal(Posts.Length, posts.Select(p => p.Post).Distinct().Count());
        Assert.Equal(Posts.Length, classifier.Users.SelectMany(u => u.FlaggedOn.ToArray()).Select(p => p.Post).Distinct().Count());
    }

    [Fact]
    public void FlaggedAccounts_ScopesRepeatedOrReordered_ListTheSame()
    {
        var classifier = Flagging(seed: 19, users: 600);
        var scopes = Scopes();

        var once = classifier.FlaggedAccounts(scopes, 9);
        var repeated = classifier.FlaggedAccounts([.. scopes.Reverse(), .. scopes], 9);

        // The scopes' order in the result is the walk's (first found), whatever order they were asked in.
        Assert.Equal(once.Keys, repeated.Keys);
        Assert.All(once, e => Assert.Equal(e.Value.Select(Row), repeated[e.Key].Select(Row)));
        var expected = WholeListing(classifier, scopes, 9);
        Assert.All(expected, e => Assert.Equal(e.Value.Select(Row), repeated[e.Key].Select(Row)));
    }

    [Fact]
    public void FlaggedAccounts_ACallThatThrowsPartWay_LeavesTheNextListingAsIfItNeverRan()
    {
        var classifier = Flagging(seed: 23, users: 300);
        var scopes = Scopes();

        // The caller's scopes fail after 40 (more than the scratch's first room): the failure is the caller's, and the
        // scopes numbered before it are not wanted by the next call.
        var failing = new ThrowingScopes([.. Enumerable.Range(0, 40).Select(i => new FlagScope($"campaign-{i}", null, null)), .. scopes]);
        Assert.Throws<InvalidOperationException>(() => classifier.FlaggedAccounts(failing, 9));
        var listed = classifier.FlaggedAccounts(scopes[..3], 9);

        var expected = WholeListing(classifier, scopes[..3], 9);
        Assert.Equal(expected.Select(e => e.Key), listed.Keys);
        Assert.All(expected, e => Assert.Equal(e.Value.Select(Row), listed[e.Key].Select(Row)));
        Assert.Throws<ArgumentNullException>(() => classifier.FlaggedAccounts(null!, 9));
    }

    /// <summary>Scopes whose enumeration fails once it has given them all: a caller's collection changed meanwhile.</summary>
    private sealed class ThrowingScopes(FlagScope[] scopes) : IReadOnlyCollection<FlagScope>
    {
        public int Count => scopes.Length;

        public IEnumerator<FlagScope> GetEnumerator()
        {
            foreach (var scope in scopes)
            {
                yield return scope;
            }

            throw new InvalidOperationException("the collection was modified");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void FlaggedAccounts_ManyFlaggedFewListed_AllocatesForTheListedOnly()
    {
        var classifier = Flagging(seed: 11, users: 2_000);
        var scopes = Scopes();
        classifier.FlaggedAccounts(scopes, 5); // the scratch takes its room

        var before = GC.GetAllocatedBytesForCurrentThread();
        var listed = classifier.FlaggedAccounts(scopes, 5);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Making every flagged account of every scope (the listing before session 47) took 1,647,400 bytes here; this
        // listing takes 11,736.
        var flagged = WholeListing(classifier, scopes, int.MaxValue).Sum(e => e.Value.Count);
        Assert.True(flagged > 3_000, $"{flagged} accounts in the scopes");
        Assert.True(listed.Values.Sum(a => a.Count) <= 5 * scopes.Length);
        Assert.True(allocated < 96 * 1_024, $"{allocated:N0} bytes allocated to list {listed.Values.Sum(a => a.Count)} of {flagged} accounts");
    }

    /// <summary>
    /// A classifier that has flagged most of <paramref name="users"/> accounts on the posts of two campaigns' creators: new
    /// accounts never shown the post, sharing proxy IPs, some engaging several posts (so their flagged counts differ), some
    /// at the same instants (so their suspicion ties), with ids of every shape.
    /// </summary>
    private static AuthenticityClassifier Flagging(int seed, int users)
    {
        var random = new Random(seed);
        var classifier = new AuthenticityClassifier(Options);
        var events = new List<Core.Events.Engagement>();
        for (var u = 0; u < users; u++)
        {
            var user = (u % 3) switch
            {
                0 => $"bot-{seed}-{u}", // packed: at most 16 characters
                1 => new Guid(random.Next(), (short)u, (short)seed, [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))]).ToString(), // a UUID
                _ => $"an-account-whose-id-is-long-{u}", // kept as its string
            };
            var tied = u % 4 == 0; // a quarter engage at one of a few shared instants: equal suspicion
            var posts = 1 + random.Next(3);
            for (var p = 0; p < posts; p++)
            {
                var (campaign, creator, content) = Posts[random.Next(Posts.Length)];
                var ts = tied ? T0 + (random.Next(4) * 1_000) : T0 + random.Next(600_000);
                var genuine = random.Next(10) == 0;
                events.Add(Engagement(user, ts, campaign: campaign, creator: creator, content: content) with
                {
                    AccountAgeDays = genuine ? 900 : 3,
                    IpHash = genuine ? $"home-{u}" : $"proxy-{random.Next(40)}",
                });
            }
        }

        foreach (var e in events.OrderBy(e => e.Ts).ThenBy(e => e.UserId, StringComparer.Ordinal))
        {
            classifier.Classify(e);
        }

        // Accounts judged but never observed (as after the cap forgot them) have no id: ties the id cannot break, whose
        // rows still differ (last seen a millisecond apart), kept in the walk's order.
        for (var k = 0; k < 12; k++)
        {
            classifier.Judge(Engagement($"unseen-{seed}-{k}", T0 + 700_000 + k) with { AccountAgeDays = 3, IpHash = "proxy-unseen" });
        }

        return classifier;
    }

    private static readonly (string Campaign, string Creator, string Content)[] Posts =
    [
        ("spring", "anna", "post-1"), ("spring", "anna", "post-2"), ("spring", "ben", "post-3"),
        ("autumn", "anna", "post-4"), ("autumn", "cleo", "post-5"), ("autumn", "cleo", "post-6"),
    ];

    private static FlagScope[] Scopes() =>
    [
        new("spring", null, null), new("autumn", null, null), new("spring", "anna", null), new("autumn", "cleo", null),
        new("spring", "anna", "post-1"), new("autumn", "cleo", "post-6"), new("spring", null, "post-3"),
        new("autumn", "anna", null), new("nobody", null, null), new("spring", "cleo", null),
    ];

    private static (string, double, string, int, long) Row(FlaggedAccount a) =>
        (a.AccountId, a.Suspicion, string.Join(",", a.ReasonCounts.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")), a.EngagementsFlagged, a.LastSeenTs);

    /// <summary>Every flagged account of every scope, made whole, then ordered and cut: the oracle.</summary>
    private static List<KeyValuePair<FlagScope, List<FlaggedAccount>>> WholeListing(AuthenticityClassifier classifier, IReadOnlyCollection<FlagScope> scopes, int limit)
    {
        var found = new List<KeyValuePair<FlagScope, List<FlaggedAccount>>>();
        foreach (var user in classifier.Users)
        {
            if (!user.HasFlaggedOn)
            {
                continue;
            }

            var posts = user.FlaggedOn.ToArray();

            var counts = new Dictionary<FlagScope, int>();
            foreach (var post in posts)
            {
                FlagScope[] of = [new(post.CampaignId, null, null), new(post.CampaignId, post.CreatorId, null), new(post.CampaignId, post.CreatorId, post.ContentId), new(post.CampaignId, null, post.ContentId)];
                foreach (var scope in of.Where(s => post.Flagged > 0 && scopes.Contains(s)))
                {
                    counts[scope] = counts.GetValueOrDefault(scope) + post.Flagged;
                }
            }

            var reasonCounts = user.ReasonCounts.ToArray();
            var reasons = Enumerable.Range(0, reasonCounts.Length).Where(bit => reasonCounts[bit] > 0)
                .ToDictionary(bit => AuthenticityReasons.All[bit], bit => reasonCounts[bit]);
            var suspicion = Math.Round(user.SuspicionAt(classifier.NewestTs, Options.SuspicionHalfLifeMs), 4);
            foreach (var (scope, flagged) in counts)
            {
                if (found.FindIndex(e => e.Key == scope) is var at && at < 0)
                {
                    found.Add(new(scope, []));
                    at = found.Count - 1;
                }

                found[at].Value.Add(new FlaggedAccount(user.UserId.ToString(), suspicion, reasons, flagged, user.LastSeen));
            }
        }

        return [.. found.Select(e => new KeyValuePair<FlagScope, List<FlaggedAccount>>(e.Key, [.. e.Value
            .OrderByDescending(a => a.Suspicion)
            .ThenByDescending(a => a.EngagementsFlagged)
            .ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .Take(limit)]))];
    }
}
