using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>Builds the <see cref="SimulationWorld"/> of a seed: brands, campaigns, creators with their codes, links and costs, and pods.</summary>
internal static class WorldBuilder
{
    // Neighbouring campaigns' pools overlap by 40 %: the same shoppers follow several launches.
    private const double PoolStride = 0.6;

    // One pod for every nine creators, three creators each: a few groups, not a fog of them.
    private const int CreatorsPerPod = 9;

    public static SimulationWorld Build(GeneratorOptions options)
    {
        var rng = new Prng(options.Seed, stream: 1);
        var audience = new Audience(options.Seed);
        var names = rng.Shuffle(Vocabulary.FirstNames);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var campaigns = new List<CampaignProfile>();
        var creators = new List<CreatorProfile>();
        var configs = new List<CampaignConfig>();
        var nameIndex = 0;

        for (var c = 0; c < options.Campaigns; c++)
        {
            var brand = BrandOf(c % options.Brands);
            var drafts = new List<(CreatorConfig Config, string FirstName, Platform[] Platforms)>();
            for (var k = 0; k < options.CreatorsPerCampaign; k++)
            {
                var first = names[nameIndex++ % names.Length];
                var id = UniqueId(first.ToLowerInvariant(), usedIds);
                var platforms = PickPlatforms(rng);
                drafts.Add((NewCreator(id, first, platforms, rng), first, platforms));
            }

            var config = NewCampaign(c, brand, drafts.Select(d => d.Config), drafts.SelectMany(d => d.Platforms).Distinct());
            var poolStart = (long)(c * options.UsersPerCampaign * PoolStride);
            var campaign = new CampaignProfile(config, poolStart, options.UsersPerCampaign, brand.AverageOrder);
            configs.Add(config);
            campaigns.Add(campaign);
            foreach (var (creatorConfig, firstName, platforms) in drafts)
            {
                creators.Add(new CreatorProfile
                {
                    Index = creators.Count,
                    Config = creatorConfig,
                    Campaign = campaign,
                    FirstName = firstName,
                    Platforms = platforms,
                    Popularity = rng.LogNormal(1.0, 0.6),
                    EngagementFactor = rng.Uniform(0.6, 1.5),
                    ClickFactor = rng.Uniform(0.5, 1.6),
                    ConversionFactor = rng.Uniform(0.3, 2.0),
                    AudienceOffset = rng.NextDouble(),
                });
            }
        }

        var pods = BuildPods(creators, audience, rng);
        var podOf = new Dictionary<CreatorProfile, Pod>(ReferenceEqualityComparer.Instance);
        foreach (var pod in pods)
        {
            foreach (var creator in pod.Creators)
            {
                podOf[creator] = pod;
            }
        }

        return new SimulationWorld
        {
            Document = new CampaignCatalogDocument { Campaigns = configs },
            Campaigns = campaigns,
            Creators = creators,
            Pods = pods,
            Audience = audience,
            PodOf = podOf,
        };
    }

    private static (string Id, string Currency, double AverageOrder) BrandOf(int index) =>
        index < Vocabulary.Brands.Length
            ? Vocabulary.Brands[index]
            : (string.Create(CultureInfo.InvariantCulture, $"brand-{index + 1}"), "USD", 50);

    private static string UniqueId(string wanted, HashSet<string> used)
    {
        var id = wanted;
        for (var n = 2; !used.Add(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
        }

        return id;
    }

    private static Platform[] PickPlatforms(Prng rng)
    {
        var count = rng.Chance(0.6) ? 2 : 3;
        var weights = (double[])PlatformTraits.CreatorPlatformWeights.Clone();
        var platforms = new Platform[count];
        for (var i = 0; i < count; i++)
        {
            var pick = rng.PickWeighted(weights);
            platforms[i] = PlatformTraits.CreatorPlatforms[pick];
            weights[pick] = 0;
        }

        return platforms;
    }

    private static CreatorConfig NewCreator(string id, string first, Platform[] platforms, Prng rng)
    {
        var code = first.ToUpperInvariant();
        var discount = rng.Pick<int>([10, 15, 20]);
        List<string> codes = [string.Create(CultureInfo.InvariantCulture, $"{code}{discount}")];
        if (rng.Chance(0.3))
        {
            codes.Add(code + "VIP");
        }

        var flatFee = Math.Round(rng.Uniform(500, 5_000) / 50) * 50;
        return new CreatorConfig
        {
            CreatorId = id,
            Name = first + " " + rng.Pick(Vocabulary.LastNames),
            PromoCodes = codes,
            Links = [.. platforms.Select(p => $"lnk-{id}-{PlatformTraits.Tag(p)}")],
            Costs = new CreatorCosts
            {
                FlatFee = flatFee,
                Product = Math.Round(rng.Uniform(0, 150)),
                Production = Math.Round(rng.Uniform(0, 500)),
                Shipping = Math.Round(rng.Uniform(0, 40)),
                AgencyFee = Math.Round(flatFee * rng.Uniform(0, 0.15)),
                CommissionRate = rng.Pick<double>([0, 0.05, 0.10, 0.15]),
            },
        };
    }

    private static CampaignConfig NewCampaign(int index, (string Id, string Currency, double AverageOrder) brand, IEnumerable<CreatorConfig> creators, IEnumerable<Platform> platforms)
    {
        var id = index < Vocabulary.Campaigns.Length ? Vocabulary.Campaigns[index] : string.Create(CultureInfo.InvariantCulture, $"campaign-{index + 1}");
        var goal = (index % 3) switch
        {
            0 => new CampaignGoal { Type = "sales", Target = new GoalTarget { Kpi = "revenue", Value = 40_000 } },
            1 => new CampaignGoal { Type = "awareness", Target = new GoalTarget { Kpi = "reach", Value = 25_000 } },
            _ => new CampaignGoal { Type = "sales", Target = new GoalTarget { Kpi = "conversions", Value = 400 }, Baseline = 120 },
        };

        return new CampaignConfig
        {
            CampaignId = id,
            BrandId = brand.Id,
            Name = char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' '),
            Currency = brand.Currency,
            Goal = goal,

            // Mostly the default model; every third campaign reports linear, so both paths are exercised.
            Attribution = new AttributionSettings { ReportingModel = index % 3 == 2 ? "linear" : "last_touch" },
            Benchmarks = new CampaignBenchmarks
            {
                // Target CPA: 40 % of a typical order, a common break-even rule of thumb.
                Cpa = Math.Round(brand.AverageOrder * 0.4, 2),
                Cpm = platforms.Order().ToDictionary(WireNames.Of, PlatformTraits.Cpm),
                EngagementValue = new Dictionary<string, double> { ["like"] = 0.05, ["comment"] = 0.5, ["share"] = 0.75, ["save"] = 0.5 },
            },
            Creators = [.. creators],
        };
    }

    private static List<Pod> BuildPods(List<CreatorProfile> creators, Audience audience, Prng rng)
    {
        var order = rng.Shuffle(creators);
        var pods = new List<Pod>();
        var podCount = Math.Max(1, creators.Count / CreatorsPerPod);
        for (var p = 0; p < podCount && p * 3 < order.Length; p++)
        {
            var members = new List<AudienceMember>();
            var size = rng.Next(8, 15);
            for (var m = 0; m < size; m++)
            {
                // Real people with their own phones and homes: only their behaviour together gives them away.
                var n = (p * 100) + m;
                members.Add(new AudienceMember(
                    audience.FakeUserId(-1 - n),
                    audience.FakeIdentifier("ip-", -1 - n),
                    audience.FakeIdentifier("d-", -1 - n),
                    audience.FakeIdentifier("ua-", -1 - (n % 40)),
                    Audience.Country(rng),
                    rng.Next(300, 2_500)));
            }

            pods.Add(new Pod(members, order.Skip(p * 3).Take(3).ToArray()));
        }

        return pods;
    }
}
