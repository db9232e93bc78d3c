using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation.Tests;

[Collection(GeneratedSampleDefinition.Name)]
public sealed class TrafficGeneratorTests(GeneratedSample sample)
{
    private static GeneratorOptions Small(int seed = 42) => new() { StartMs = GeneratedSample.StartMs, Seed = seed, MaxEvents = 20_000 };

    [Fact]
    public void Generate_SameSeed_ProducesIdenticalBytes()
    {
        var first = new TrafficGenerator(Small()).Generate().Select(r => r.Value).ToList();
        var second = new TrafficGenerator(Small()).Generate().Select(r => r.Value).ToList();

        Assert.Equal(20_000, first.Count);
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.True(first[i].AsSpan().SequenceEqual(second[i]), $"record {i} differs");
        }
    }

    [Fact]
    public void Generate_EnumeratedTwice_StartsAgainFromTheSeed()
    {
        var generator = new TrafficGenerator(Small() with { MaxEvents = 2_000 });

        var first = generator.Generate().Select(r => Convert.ToBase64String(r.Value)).ToList();
        var second = generator.Generate().Select(r => Convert.ToBase64String(r.Value)).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentTrafficAndConfiguration()
    {
        var a = new TrafficGenerator(Small(42));
        var b = new TrafficGenerator(Small(43));

        var sameBytes = a.Generate().Zip(b.Generate()).Count(p => p.First.Value.AsSpan().SequenceEqual(p.Second.Value));

        Assert.True(sameBytes < 100, $"{sameBytes} of 20000 records identical");
        Assert.NotEqual(CampaignCatalog.From(a.Campaigns).ToJson(), CampaignCatalog.From(b.Campaigns).ToJson());
    }

    [Fact]
    public void Campaigns_Default_PassesValidationWithTwoCampaignsOfOneBrand()
    {
        var catalog = CampaignCatalog.From(sample.Generator.Campaigns);

        Assert.Equal(3, catalog.Campaigns.Count);
        Assert.Equal(["acme", "nordlys", "acme"], catalog.Campaigns.Select(c => c.BrandId));
        Assert.Equal(["USD", "EUR", "USD"], catalog.Campaigns.Select(c => c.Currency));
        Assert.All(catalog.Campaigns, c =>
        {
            Assert.Equal(6, c.Creators.Count);
            Assert.True(c.Benchmarks.Cpa > 0);
            Assert.Equal(["like", "comment", "share", "save"], c.Benchmarks.EngagementValue.Keys);
            Assert.NotNull(c.Goal?.Target);
            Assert.All(c.Creators, creator =>
            {
                Assert.NotEmpty(creator.Name);
                Assert.NotEmpty(creator.PromoCodes);
                Assert.InRange(creator.Links.Count, 2, 3);
                Assert.InRange(creator.Costs.FlatFee, 500, 5_000);
            });
        });
        Assert.Equal(18, catalog.Campaigns.SelectMany(c => c.Creators).Select(c => c.CreatorId).Distinct().Count());
    }

    [Fact]
    public void Generate_EveryEvent_BelongsToTheConfiguration()
    {
        var catalog = CampaignCatalog.From(sample.Generator.Campaigns);
        var brands = catalog.Campaigns.Select(c => c.BrandId).ToHashSet();

        foreach (var record in sample.Records.Where(r => r.Event is not null))
        {
            switch (record.Event)
            {
                case AudienceEvent e:
                    Assert.True(catalog.HasCreator(e.CampaignId, e.CreatorId), $"{e.CampaignId}/{e.CreatorId}");
                    Assert.True(catalog.TryGet(e.CampaignId, out var campaign));
                    Assert.True(campaign.Benchmarks.Cpm.ContainsKey(WireNames.Of(e.Platform)), $"no cpm for {e.Platform}");
                    if (e is Click click)
                    {
                        Assert.Contains(click.LinkId, campaign.Creators.Single(c => c.CreatorId == e.CreatorId).Links);
                    }

                    break;
                case Conversion c:
                    Assert.Contains(c.BrandId, brands);
                    Assert.Equal(catalog.Campaigns.First(x => x.BrandId == c.BrandId).Currency, c.Currency);
                    if (c.CampaignId is { } campaignId)
                    {
                        Assert.True(catalog.TryGet(campaignId, out var owner));
                        Assert.Equal(owner.BrandId, c.BrandId);
                    }

                    break;
            }
        }
    }

    [Fact]
    public void Generate_NonMalformedRecords_DecodeToTheirEvent()
    {
        var decoder = new EventDecoder();
        var checkedRecords = 0;

        foreach (var record in sample.Records.Where(r => r.Kind != RecordKind.Malformed))
        {
            var result = decoder.Decode(record.Value);
            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(Testing.EventBuilder.AsDecoded(record.Event!), result.Event); // identifiers as their keys alone
            Assert.Equal(record.Event!.Type, record.Type);
            Assert.Equal(record.Event.UserId, record.Key);
            checkedRecords++;
        }

        Assert.InRange(checkedRecords, 49_000, 49_600);
    }

    [Fact]
    public void Generate_MalformedRecords_FailDecodingOrNameAnUnknownCampaign()
    {
        var decoder = new EventDecoder();
        var catalog = CampaignCatalog.From(sample.Generator.Campaigns);
        var malformed = sample.Records.Where(r => r.Kind == RecordKind.Malformed).ToList();
        var reasons = new Dictionary<string, int>();

        foreach (var record in malformed)
        {
            Assert.Null(record.Event);
            Assert.Null(record.FakeLabel);
            Assert.NotNull(record.Type);
            Assert.StartsWith("u-", record.Key, StringComparison.Ordinal);
            var result = decoder.Decode(record.Value, record.Type);
            var reason = result.Event switch
            {
                null => DeadLetterReasons.Code(result.Reason),
                AudienceEvent e when !catalog.TryGet(e.CampaignId, out _) => "UNKNOWN_CAMPAIGN",
                Conversion { CampaignId: { } id } when !catalog.TryGet(id, out _) => "UNKNOWN_CAMPAIGN",
                _ => "ACCEPTED",
            };
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        Assert.DoesNotContain("ACCEPTED", reasons.Keys);
        Assert.Equal(["INVALID_JSON", "SCHEMA_VIOLATION", "UNKNOWN_CAMPAIGN"], reasons.Keys.Order());
        Assert.InRange(malformed.Count, 400, 600);
    }

    [Fact]
    public void Generate_EventIds_AreUniqueExceptForDuplicates()
    {
        var ids = sample.Records.Where(r => r.Kind is RecordKind.Genuine or RecordKind.Late).Select(r => r.Event!.EventId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Generate_Timestamps_NeverPrecedeStart()
    {
        var events = sample.Records.Where(r => r.Event is not null).Select(r => r.Event!.Ts).ToList();

        // The run opens with an event at StartMs; jitter may let a slightly later one overtake it.
        Assert.Equal(GeneratedSample.StartMs, events.Min());
        Assert.InRange(sample.Records[0].Event!.Ts, GeneratedSample.StartMs, GeneratedSample.StartMs + 2_000);
    }

    [Fact]
    public void Generate_FakesOff_LabelsNothing()
    {
        var records = new TrafficGenerator(Small() with { Fakes = false }).Generate().ToList();

        Assert.Equal(20_000, records.Count);
        Assert.All(records, r => Assert.Null(r.FakeLabel));
    }

    [Fact]
    public void Generate_EndlessStream_IsLazy()
    {
        var generator = new TrafficGenerator(Small() with { MaxEvents = long.MaxValue });

        var taken = generator.Generate().Take(5_000).Count();

        Assert.Equal(5_000, taken);
    }

    [Fact]
    public void Generate_ZeroMaxEvents_YieldsNothing()
    {
        Assert.Empty(new TrafficGenerator(Small() with { MaxEvents = 0 }).Generate());
    }

    public static TheoryData<string, GeneratorOptions> InvalidOptions() => new()
    {
        { "StartMs", Small() with { StartMs = 0 } },
        { "EventsPerSecond", Small() with { EventsPerSecond = 0 } },
        { "Brands", Small() with { Brands = 4 } },
        { "Campaigns", Small() with { Campaigns = 0 } },
        { "UsersPerCampaign", Small() with { UsersPerCampaign = 1 } },
        { "DuplicateRate", Small() with { DuplicateRate = 1.5 } },
        { "LateRate", Small() with { DuplicateRate = 0.5, MalformedRate = 0.3, LateRate = 0.3 } },
        { "OutOfOrderMs", Small() with { OutOfOrderMs = -1 } },
        { "PostCycle", Small() with { PostCycle = TimeSpan.Zero } },
        { "PostCycle", Small() with { PostCycle = TimeSpan.FromDays(365) } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOption_ThrowsNamingIt(string name, GeneratorOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficGenerator(options));

        Assert.Equal(name, error.ParamName);
    }
}
