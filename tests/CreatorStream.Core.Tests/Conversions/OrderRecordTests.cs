using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>
/// A compact order gives back, bit for bit, the credits an order was credited with: the oracle is the list the attributor
/// kept before orders were compact (each model's shares from <see cref="AttributionMath"/>, in model order, then direct),
/// over random journeys with ties, equal times, repeated posts and every data-driven case (effects, zero effects, the
/// fallback). A refund reverses exactly what that list would have reversed.
/// </summary>
public sealed class OrderRecordTests
{
    private const long T0 = 1_767_225_600_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Credits_OfRandomJourneys_AreTheListedCreditsBitForBit(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var (journey, halfLife, effects, direct) = RandomOrder(random);
            var listed = Listed(journey, halfLife, effects, direct);

            var record = Compact(journey, halfLife, effects, direct);

            Assert.Equal(Describe(listed), Describe(record.Credits().Select(c => (c.Key, c.Share))));
            Assert.Equal(OldAssists(journey), Assists(record));
            Assert.Equal(listed.Count > 0, record.IsAttributed);
        }
    }

    /// <summary>
    /// Journeys whose touchpoints share post instances, as the attributor's do (few posts, many touchpoints): the order
    /// keeps each post once and data-driven's shares once per post, and gives back every touchpoint's post (the same
    /// instance), every share bit for bit and the listed credits. Also journeys of more posts than a byte names, of no
    /// repeated post, and shares that differ within a post (not the model's, but a snapshot may say so).
    /// </summary>
    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Credits_OfJourneysOnSharedPosts_AreTheTouchpointsBitForBit(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 300; trial++)
        {
            var kinds = random.Next(4);
            var distinct = kinds switch { 0 => random.Next(1, 13), 1 => random.Next(257, 300), _ => random.Next(1, 40) };
            var shared = Enumerable.Range(0, distinct).Select(i => new TouchedPost($"c{i % 2}", $"creator{i % 7}", $"post{i}", i % 3 == 0 ? "DE" : null)).ToArray();
            var n = kinds == 1 ? random.Next(distinct, 600) : kinds == 2 ? distinct : random.Next(0, 200);
            // Kind 1 names every one of its 257 or more posts (each once, then at random): more than a byte can name.
            var posts = Enumerable.Range(0, n).Select(i => kinds is 1 or 2 && i < distinct ? shared[i] : shared[random.Next(distinct)]).ToArray();
            var timeDecay = random.Next(3) == 0 ? null : posts.Select(_ => random.NextDouble()).ToArray();
            var byCreator = shared.Select(p => p.CreatorId).Distinct().ToDictionary(c => c, _ => random.NextDouble());
            var dataDriven = random.Next(4) switch
            {
                0 => null,
                1 => posts.Select(_ => random.NextDouble()).ToArray(), // differ within a post
                _ => posts.Select(p => byCreator[p.CreatorId]).ToArray(), // one share per creator, as the model gives
            };
            CreatorRef? direct = random.Next(3) == 0 ? new CreatorRef("c0", "creator1") : null;

            var record = new OrderRecord(10, T0, posts, timeDecay, dataDriven, direct);

            Assert.Equal(n, record.Touches);
            for (var i = 0; i < n; i++)
            {
                Assert.Same(posts[i], record.PostAt(i));
                if (dataDriven is not null)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(dataDriven[i]), BitConverter.DoubleToInt64Bits(record.DataDrivenAt(i)));
                }
            }

            Assert.Equal(dataDriven is not null, record.KeepsDataDriven);
            Assert.Same(timeDecay, record.TimeDecay);
            Assert.Equal(Describe(ListedOf(posts, timeDecay, dataDriven, direct)), Describe(record.Credits().Select(c => (c.Key, c.Share))));
            Assert.Equal(posts.Distinct().Count(), record.Posts.Distinct().Count()); // each post of the journey, none other
            var named = posts.Distinct().Count();
            var indexed = named < n && named <= 256; // repeats a byte can name: each post kept once
            Assert.Equal(indexed ? named : n, record.Posts.Count);
            Assert.Equal(indexed && dataDriven is not null && dataDriven.Select((share, i) => (share, i)).All(x => x.share == byCreator[posts[x.i].CreatorId]), record.KeepsDataDrivenPerPost);
        }
    }

    [Fact]
    public void Credits_OfPostsFromCountries_CarryEachPostsCountry_AndDirectCreditNone()
    {
        var posts = new[] { new TouchedPost("c1", "anna", "p1", "DE"), new TouchedPost("c1", "ben", "p2", null), new TouchedPost("c1", "anna", "p3", "FR") };
        var record = new OrderRecord(10, T0, posts, null, null, new CreatorRef("c1", "ben"));

        var credits = record.Credits().ToList();

        // First touch, last touch, then four models with a credit for each of the three posts, then direct.
        Assert.Equal(
            ["DE", "FR", .. Enumerable.Repeat<string?>(null, 4).SelectMany(_ => new[] { "DE", null, "FR" }), null],
            credits.Select(c => c.Country));
        Assert.All(credits.Where(c => c.Country is not null), c => Assert.Equal(c.Country == "DE" ? "p1" : "p3", c.Key.ContentId));
    }

    [Fact]
    public void Keep_SharesEqualToLinear_KeepsNothing()
    {
        var journey = Journey.Build([Touch("c1", "anna", "p1", T0, "e1"), Touch("c1", "ben", "p2", T0, "e2")], T0, TimeSpan.MaxValue);

        Assert.Null(OrderRecord.Keep(AttributionMath.TimeDecay(journey, T0, TimeSpan.FromHours(1)))); // equal times weigh the same
        Assert.Null(OrderRecord.Keep(AttributionMath.Linear(journey)));
        Assert.Equal([0.25, 0.75], OrderRecord.Keep(AttributionMath.DataDriven(journey, new Dictionary<string, double> { ["anna"] = 1, ["ben"] = 3 }))!);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void FromListed_TheOldSnapshotsList_GivesTheSameRecord(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 100; trial++)
        {
            var (journey, halfLife, effects, direct) = RandomOrder(random);
            var listed = Listed(journey, halfLife, effects, direct);

            var record = OrderRecord.FromListed(99.5, T0, listed, static (campaign, creator, content) => new TouchedPost(campaign, creator, content));

            Assert.Equal(Describe(listed), Describe(record.Credits().Select(c => (c.Key, c.Share))));
            Assert.Equal((99.5, T0), (record.Value, record.Ts));
        }
    }

    [Fact]
    public void FromListed_AListNoJourneyGives_IsRefused()
    {
        var journey = Journey.Build([Touch("c1", "anna", "p1", T0, "e1"), Touch("c1", "ben", "p2", T0 + 1, "e2")], T0 + 1, TimeSpan.MaxValue);
        var listed = Listed(journey, TimeSpan.FromHours(1), null, direct: null);
        listed[2] = (listed[2].Key, listed[2].Share + 1e-12); // a linear share that is not 1/n

        var error = Assert.Throws<InvalidDataException>(() => OrderRecord.FromListed(10, T0, listed, static (a, b, c) => new TouchedPost(a, b, c)));
        Assert.Contains("listed credits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromListed_AModelWithoutOneCreditPerTouchpoint_IsRefusedAsBadData()
    {
        var journey = Journey.Build([Touch("c1", "anna", "p1", T0, "e1"), Touch("c1", "ben", "p2", T0 + 1, "e2")], T0 + 1, TimeSpan.MaxValue);
        var listed = Listed(journey, TimeSpan.FromHours(1), null, direct: null);
        listed.RemoveAt(listed.FindIndex(c => c.Key.Model == AttributionModels.TimeDecay)); // a snapshot cut or corrupt

        Assert.Throws<InvalidDataException>(() => OrderRecord.FromListed(10, T0, listed, static (a, b, c) => new TouchedPost(a, b, c)));
    }

    [Fact]
    public void Constructor_SharesNotOnePerPost_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new OrderRecord(1, T0, [new TouchedPost("c1", "anna", "p1")], timeDecay: [0.5, 0.5], dataDriven: null, direct: null));
    }

    /// <summary>What the attributor keeps for an order (as ConversionAttributor.Credit builds it).</summary>
    private static OrderRecord Compact(IReadOnlyList<Touchpoint> journey, TimeSpan halfLife, Dictionary<string, double>? effects, CreatorRef? direct)
    {
        var posts = journey.Select(t => t.Post).ToArray();
        return posts.Length == 0
            ? new OrderRecord(10, T0, posts, null, null, direct)
            : new OrderRecord(10, T0, posts, OrderRecord.Keep(AttributionMath.TimeDecay(journey, T0, halfLife)), OrderRecord.Keep(DataDriven(journey, effects)), direct);
    }

    /// <summary>The oracle: the credit list an order kept before it was compact.</summary>
    private static List<(CreditKey Key, double Share)> Listed(IReadOnlyList<Touchpoint> journey, TimeSpan halfLife, Dictionary<string, double>? effects, CreatorRef? direct)
    {
        var credits = new List<(CreditKey Key, double Share)>();
        if (journey.Count > 0)
        {
            foreach (var model in new[] { AttributionModels.FirstTouch, AttributionModels.LastTouch, AttributionModels.Linear, AttributionModels.TimeDecay, AttributionModels.PositionBased })
            {
                credits.AddRange(AttributionMath.ForModel(model, journey, T0, halfLife).Select(c => (new CreditKey(c.CampaignId, c.CreatorId, c.ContentId, model), c.Share)));
            }

            credits.AddRange(DataDriven(journey, effects).Select(c => (new CreditKey(c.CampaignId, c.CreatorId, c.ContentId, AttributionModels.DataDriven), c.Share)));
        }

        if (direct is { } owner)
        {
            credits.Add((new CreditKey(owner.CampaignId, owner.CreatorId, "", AttributionModels.Direct), 1.0));
        }

        return credits;
    }

    /// <summary>The oracle for given shares: every model's credits touchpoint by touchpoint, in model order, then direct.</summary>
    private static List<(CreditKey Key, double Share)> ListedOf(TouchedPost[] posts, double[]? timeDecay, double[]? dataDriven, CreatorRef? direct)
    {
        var n = posts.Length;
        var credits = new List<(CreditKey Key, double Share)>();
        CreditKey Key(TouchedPost post, string model) => new(post.CampaignId, post.CreatorId, post.ContentId, model);
        if (n > 0)
        {
            credits.Add((Key(posts[0], AttributionModels.FirstTouch), 1.0));
            credits.Add((Key(posts[^1], AttributionModels.LastTouch), 1.0));
            credits.AddRange(posts.Select(p => (Key(p, AttributionModels.Linear), 1.0 / n)));
            credits.AddRange(posts.Select((p, i) => (Key(p, AttributionModels.TimeDecay), timeDecay?[i] ?? 1.0 / n)));
            credits.AddRange(posts.Select((p, i) => (Key(p, AttributionModels.PositionBased), AttributionMath.PositionBasedShare(i, n))));
            credits.AddRange(posts.Select((p, i) => (Key(p, AttributionModels.DataDriven), dataDriven?[i] ?? 1.0 / n)));
        }

        if (direct is { } owner)
        {
            credits.Add((new CreditKey(owner.CampaignId, owner.CreatorId, "", AttributionModels.Direct), 1.0));
        }

        return credits;
    }

    /// <summary>Null effects: the campaign has too few conversions, and data-driven falls back to linear.</summary>
    private static IReadOnlyList<Credit> DataDriven(IReadOnlyList<Touchpoint> journey, Dictionary<string, double>? effects) =>
        effects is null ? AttributionMath.Linear(journey) : AttributionMath.DataDriven(journey, effects);

    /// <summary>The assists an order counts into a fresh delta, in the order counted; each must count exactly once.</summary>
    private static List<CreatorRef> Assists(OrderRecord record)
    {
        var delta = new AttributionDelta();
        record.CountAssists(delta, 3);
        Assert.All(delta.Assists.Values, count => Assert.Equal(3, count));
        return [.. delta.Assists.Keys];
    }

    private static List<CreatorRef> OldAssists(IReadOnlyList<Touchpoint> journey)
    {
        if (journey.Count == 0)
        {
            return [];
        }

        var last = new CreatorRef(journey[^1].CampaignId, journey[^1].CreatorId);
        return [.. journey.Select(t => new CreatorRef(t.CampaignId, t.CreatorId)).Distinct().Where(c => c != last)];
    }

    private static (IReadOnlyList<Touchpoint> Journey, TimeSpan HalfLife, Dictionary<string, double>? Effects, CreatorRef? Direct) RandomOrder(Random random)
    {
        var touches = random.Next(0, 90);
        var sameTime = random.Next(5) == 0;
        var raw = Enumerable.Range(0, touches).Select(i => Touch(
            $"c{random.Next(2)}",
            $"creator{random.Next(6)}",
            $"post{random.Next(12)}",
            sameTime ? T0 : T0 - random.NextInt64(0, 30L * 86_400_000),
            $"e{i}")).ToList();
        var journey = Journey.Build(raw, T0, TimeSpan.MaxValue);
        var halfLife = TimeSpan.FromHours(random.Next(1, 24 * 14));
        Dictionary<string, double>? effects = random.Next(4) switch
        {
            0 => null,
            1 => [], // every effect 0: DataDriven falls back to linear itself
            _ => Enumerable.Range(0, 6).ToDictionary(i => $"creator{i}", _ => random.Next(3) == 0 ? 0 : random.NextDouble()),
        };
        CreatorRef? direct = random.Next(3) == 0 ? new CreatorRef("c0", $"creator{random.Next(6)}") : null;
        return (journey, halfLife, effects, direct);
    }

    private static Touchpoint Touch(string campaign, string creator, string content, long ts, string eventId) =>
        new(campaign, creator, content, ts, eventId, TouchKind.View);

    private static List<string> Describe(IEnumerable<(CreditKey Key, double Share)> credits) =>
        [.. credits.Select(c => $"{c.Key} {BitConverter.DoubleToInt64Bits(c.Share):x16}")];
}
