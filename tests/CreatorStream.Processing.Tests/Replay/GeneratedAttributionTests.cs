using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A generated campaign replayed through the pipeline; every creator's credit under every model must equal a
/// recomputation here, straight from the generated records and written from docs/design.md's definitions, not from
/// Core's code: brute-force journeys per conversion (scope, lookback, runs merged), each model's shares, direct codes
/// and links, and refunds taken back in proportion.
/// </summary>
public sealed class GeneratedAttributionTests
{
    [Fact]
    public async Task Replay_GeneratedCampaign_PerCreatorCreditEqualsAnIndependentRecomputation()
    {
        var (catalog, records, report) = await GeneratedReplay.RunAsync(seed: 3, maxEvents: 250_000);

        var expected = Recompute(catalog, records.Where(r => r.Kind == RecordKind.Genuine && r.Event is not null).Select(r => r.Event!).ToList());
        Assert.True(expected.Values.Sum(m => m.GetValueOrDefault((AttributionModels.LastTouch)).Conversions) > 20, "too few conversions to say much");
        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                var actual = report.Campaigns[campaign.CampaignId].Creators[creator.CreatorId].Attribution!;
                var mine = expected.GetValueOrDefault((campaign.CampaignId, creator.CreatorId)) ?? [];
                foreach (var model in AttributionModels.All)
                {
                    var (conversions, revenue) = mine.GetValueOrDefault(model);
                    Assert.True(
                        Math.Abs(conversions - actual[model].Conversions) < 1e-6 && Math.Abs(revenue - actual[model].Revenue) < 1e-4,
                        $"{campaign.CampaignId}/{creator.CreatorId}/{model}: expected ({conversions}, {revenue}), got ({actual[model].Conversions}, {actual[model].Revenue})");
                }
            }
        }
    }

    private static Dictionary<(string, string), Dictionary<string, (double Conversions, double Revenue)>> Recompute(CampaignCatalog catalog, List<StreamEvent> events) =>
        RecomputeOutcomes(catalog, events).Credit;

    /// <summary>
    /// Credit per creator and model as <see cref="Recompute"/> gives it, and from the same shares, docs/design.md's
    /// "Outcomes": credit per creator, kind and model with its new customers, and orders per kind counted once for each
    /// campaign (creator id empty) and each creator any model credits them to, their value net of refunds.
    /// </summary>
    internal static OutcomeOracle RecomputeOutcomes(CampaignCatalog catalog, List<StreamEvent> events)
    {
        var credit = new Dictionary<(string, string), Dictionary<string, (double, double)>>();
        var byKind = new Dictionary<(string Campaign, string Creator, ConversionKind Kind, string Model), (double Conversions, double Revenue, double NewCustomers)>();
        var orderSums = new Dictionary<(string Campaign, string Creator, ConversionKind Kind), (long Count, double Value)>();
        var converted = new HashSet<(string, string, string)>();
        var creditedOrders = new List<(string, string, long)>();
        var convertedPosts = new HashSet<(string, string, string, string)>();
        var byPlatform = new Dictionary<(string Campaign, Platform Platform, string Model), (double Conversions, double Revenue)>();
        var platformShares = new Dictionary<(string Brand, string Order), List<(string Campaign, Platform Platform, string Model, double Share)>>();
        var byPost = new Dictionary<(string Campaign, string Content, string Model), (double Conversions, double Revenue)>();
        var byPostCountry = new Dictionary<(string Campaign, string Content, string Country, string Model), (double Conversions, double Revenue)>();
        var countryShares = new Dictionary<(string Brand, string Order), List<(string Campaign, string Content, string Country, string Model, double Share)>>();
        void AddPostCountry(string campaign, string content, string country, string model, double conversions, double revenue)
        {
            var (c, r) = byPostCountry.GetValueOrDefault((campaign, content, country, model));
            byPostCountry[(campaign, content, country, model)] = (c + conversions, r + revenue);
        }

        var postShares = new Dictionary<(string Brand, string Order), List<(string Campaign, string Content, string Model, double Share)>>();
        void AddPost(string campaign, string content, string model, double conversions, double revenue)
        {
            var (c, r) = byPost.GetValueOrDefault((campaign, content, model));
            byPost[(campaign, content, model)] = (c + conversions, r + revenue);
        }

        void AddPlatform(string campaign, Platform platform, string model, double conversions, double revenue)
        {
            var (c, r) = byPlatform.GetValueOrDefault((campaign, platform, model));
            byPlatform[(campaign, platform, model)] = (c + conversions, r + revenue);
        }

        var orders = new Dictionary<(string Brand, string Order), (double Value, ConversionKind Kind, bool IsNew, List<(string Campaign, string Creator, string Model, double Share)> Shares)>();
        var touches = events.OfType<AudienceEvent>().ToList();

        void Add(string campaign, string creator, string model, double conversions, double revenue)
        {
            if (!credit.TryGetValue((campaign, creator), out var models))
            {
                credit[(campaign, creator)] = models = [];
            }

            var (c, r) = models.GetValueOrDefault(model);
            models[model] = (c + conversions, r + revenue);
        }

        void AddKind(string campaign, string creator, ConversionKind kind, bool isNew, string model, double conversions, double revenue)
        {
            var (c, r, n) = byKind.GetValueOrDefault((campaign, creator, kind, model));
            byKind[(campaign, creator, kind, model)] = (c + conversions, r + revenue, n + (isNew ? conversions : 0));
        }

        void CountOrder(List<(string Campaign, string Creator, string Model, double Share)> shares, ConversionKind kind, long count, double value)
        {
            foreach (var scope in shares.Select(s => (s.Campaign, "")).Concat(shares.Select(s => (s.Campaign, s.Creator))).Distinct())
            {
                var (n, v) = orderSums.GetValueOrDefault((scope.Item1, scope.Item2, kind));
                orderSums[(scope.Item1, scope.Item2, kind)] = (n + count, v + value);
            }
        }

        foreach (var conversion in events.OfType<Conversion>().OrderBy(c => c.Ts).ThenBy(c => c.EventId, StringComparer.Ordinal))
        {
            if (conversion.IsRefund)
            {
                if (orders.TryGetValue((conversion.BrandId, conversion.OrderId), out var order))
                {
                    var fraction = Math.Min((double)-conversion.Value / order.Value, 1);
                    foreach (var (campaign, creator, model, share) in order.Shares)
                    {
                        Add(campaign, creator, model, -share * fraction, -share * fraction * order.Value);
                        AddKind(campaign, creator, order.Kind, order.IsNew, model, -share * fraction, -share * fraction * order.Value);
                    }

                    CountOrder(order.Shares, order.Kind, 0, -fraction * order.Value);
                    foreach (var (campaign, platform, model, share) in platformShares[(conversion.BrandId, conversion.OrderId)])
                    {
                        AddPlatform(campaign, platform, model, -share * fraction, -share * fraction * order.Value);
                    }

                    foreach (var (campaign, content, model, share) in postShares[(conversion.BrandId, conversion.OrderId)])
                    {
                        AddPost(campaign, content, model, -share * fraction, -share * fraction * order.Value);
                    }

                    foreach (var (campaign, content, country, model, share) in countryShares[(conversion.BrandId, conversion.OrderId)])
                    {
                        AddPostCountry(campaign, content, country, model, -share * fraction, -share * fraction * order.Value);
                    }

                }

                continue;
            }

            var scope = catalog.Campaigns.Where(c => conversion.CampaignId is { } id ? c.CampaignId == id : c.BrandId == conversion.BrandId).ToList();
            var lookback = scope.ToDictionary(c => c.CampaignId, c => (long)TimeSpan.FromDays(c.Attribution.LookbackDays).TotalMilliseconds);
            var journey = JourneyOf(touches.Where(t => t.UserId == conversion.UserId && lookback.ContainsKey(t.CampaignId) && t.Ts <= conversion.Ts && t.Ts >= conversion.Ts - lookback[t.CampaignId]));
            var shares = new List<(string, string, string, double)>();
            var onPlatforms = new List<(string, Platform, string, double)>();
            var onPosts = new List<(string, string, string, double)>();
            var onCountries = new List<(string Campaign, string Content, string Country, string Model, double Share)>();
            if (journey.Count > 0)
            {
                var halfLifeMs = TimeSpan.FromHours(catalog.Campaigns.First(c => c.CampaignId == (conversion.CampaignId ?? journey[^1].CampaignId)).Attribution.TimeDecayHalfLifeHours).TotalMilliseconds;
                foreach (var model in AttributionModels.All.Where(m => m is not AttributionModels.Direct))
                {
                    var ofModel = Shares(model, journey, conversion.Ts, halfLifeMs).ToList();
                    shares.AddRange(ofModel.Select(c => (c.Touch.CampaignId, c.Touch.CreatorId, model, c.Share)));
                    onPlatforms.AddRange(ofModel.Select(c => (c.Touch.CampaignId, c.Touch.Platform, model, c.Share)));
                    onPosts.AddRange(ofModel.Select(c => (c.Touch.CampaignId, c.Touch.ContentId, model, c.Share)));
                    onCountries.AddRange(ofModel.Where(c => c.Touch.Country is not null).Select(c => (c.Touch.CampaignId, c.Touch.ContentId, c.Touch.Country!, model, c.Share)));
                }
            }

            var owner = scope.SelectMany(c => c.Creators.Select(cr => (Campaign: c, Creator: cr)))
                .FirstOrDefault(x => (conversion.PromoCode is { } code && x.Creator.PromoCodes.Contains(code)))
                is { Creator: not null } byCode ? byCode
                : scope.SelectMany(c => c.Creators.Select(cr => (Campaign: c, Creator: cr))).FirstOrDefault(x => conversion.LinkId is { } link && x.Creator.Links.Contains(link));
            if (owner.Creator is not null)
            {
                shares.Add((owner.Campaign.CampaignId, owner.Creator.CreatorId, AttributionModels.Direct, 1.0));
            }

            var value = (double)conversion.Value;
            foreach (var (campaign, creator, model, share) in shares)
            {
                Add(campaign, creator, model, share, share * value);
                AddKind(campaign, creator, conversion.Kind, conversion.IsNewCustomer == true, model, share, share * value);
            }

            CountOrder(shares, conversion.Kind, 1, value);
            creditedOrders.AddRange(shares.Select(s => (s.Item1, "")).Concat(shares.Select(s => (s.Item1, s.Item2))).Distinct().Select(s => (s.Item1, s.Item2, conversion.Ts)));
            foreach (var (campaign, platform, model, share) in onPlatforms)
            {
                AddPlatform(campaign, platform, model, share, share * value);
            }

            platformShares[(conversion.BrandId, conversion.OrderId)] = onPlatforms;
            foreach (var (campaign, content, model, share) in onPosts)
            {
                AddPost(campaign, content, model, share, share * value);
            }

            postShares[(conversion.BrandId, conversion.OrderId)] = onPosts;
            foreach (var (campaign, content, country, model, share) in onCountries)
            {
                AddPostCountry(campaign, content, country, model, share, share * value);
            }

            countryShares[(conversion.BrandId, conversion.OrderId)] = onCountries;
            converted.UnionWith(shares.Select(s => (s.Item1, s.Item2, conversion.UserId)));
            convertedPosts.UnionWith(journey.Select(t => (t.CampaignId, t.CreatorId, t.ContentId, conversion.UserId)));
            orders[(conversion.BrandId, conversion.OrderId)] = (value, conversion.Kind, conversion.IsNewCustomer == true, shares);
        }

        return new OutcomeOracle(credit, byKind, orderSums, converted) { ByPlatform = byPlatform, ByPost = byPost, ByPostCountry = byPostCountry, ConvertedPosts = convertedPosts, CreditedOrders = creditedOrders, Leads = LeadsByStatus(events, orders.ToDictionary(o => o.Key, o => o.Value.Shares)) };
    }

    /// <summary>
    /// docs/design.md, "Outcomes", leads: each lead conversion's credit (its shares; a lead has no value, so no refund)
    /// counts as qualified when the newest of its updates by (ts, event id), among those after the lead itself, says
    /// qualified or won, and as won when it says won.
    /// </summary>
    private static Dictionary<(string, string, string), (double Qualified, double Won)> LeadsByStatus(
        List<StreamEvent> events, Dictionary<(string Brand, string Order), List<(string Campaign, string Creator, string Model, double Share)>> shares)
    {
        var leads = new Dictionary<(string, string), (Conversion Lead, LeadUpdate? Latest)>();
        var ordered = events.Where(e => e is Conversion or LeadUpdate).OrderBy(e => e.Ts).ThenBy(e => e.EventId, StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            if (e is Conversion { Kind: ConversionKind.Lead, IsRefund: false } lead)
            {
                leads[(lead.BrandId, lead.OrderId)] = (lead, null);
            }
            else if (e is LeadUpdate update && leads.TryGetValue((update.BrandId, update.OrderId), out var known))
            {
                leads[(update.BrandId, update.OrderId)] = (known.Lead, update);
            }
        }

        var result = new Dictionary<(string, string, string), (double Qualified, double Won)>();
        foreach (var ((brand, order), (_, latest)) in leads)
        {
            if (latest is null || !shares.TryGetValue((brand, order), out var ofOrder))
            {
                continue;
            }

            var qualified = latest.Status is LeadStatus.Qualified or LeadStatus.Won ? 1 : 0;
            var won = latest.Status == LeadStatus.Won ? 1 : 0;
            foreach (var (campaign, creator, model, share) in ofOrder)
            {
                var (q, w) = result.GetValueOrDefault((campaign, creator, model));
                result[(campaign, creator, model)] = (q + (share * qualified), w + (share * won));
            }
        }

        return result;
    }

    /// <summary>
    /// The journey as docs/design.md, "Attribution" defines it, written here rather than taken from Core: the touches
    /// oldest first (equal times by event id), each run of touches of one (campaign, creator) kept as its last.
    /// </summary>
    private static List<AudienceEvent> JourneyOf(IEnumerable<AudienceEvent> touches)
    {
        var ordered = touches.OrderBy(t => t.Ts).ThenBy(t => t.EventId, StringComparer.Ordinal).ToList();
        return [.. ordered.Where((t, i) => i == ordered.Count - 1 || ordered[i + 1].CampaignId != t.CampaignId || ordered[i + 1].CreatorId != t.CreatorId)];
    }

    /// <summary>
    /// Each model's share per touch, straight from its definition: first and last touch take all; linear 1/n; time
    /// decay weighs a touch 2^(−age / half-life) at the conversion and normalises; position-based gives 40 % to each
    /// end and splits 20 % over the middle (one or two touches: equal shares). Data-driven below its minimum of
    /// conversions is linear.
    /// </summary>
    private static IEnumerable<(AudienceEvent Touch, double Share)> Shares(string model, List<AudienceEvent> journey, long conversionTs, double halfLifeMs)
    {
        var n = journey.Count;
        switch (model)
        {
            case AttributionModels.FirstTouch:
                return [(journey[0], 1.0)];
            case AttributionModels.LastTouch:
                return [(journey[^1], 1.0)];
            case AttributionModels.Linear or AttributionModels.DataDriven:
                return journey.Select(t => (t, 1.0 / n));
            case AttributionModels.TimeDecay:
                var weights = journey.Select(t => Math.Pow(2, -(conversionTs - t.Ts) / halfLifeMs)).ToList();
                return journey.Select((t, i) => (t, weights[i] / weights.Sum()));
            case AttributionModels.PositionBased:
                return journey.Select((t, i) => (t, n <= 2 ? 1.0 / n : i == 0 || i == n - 1 ? 0.4 : 0.2 / (n - 2)));
            default:
                throw new ArgumentException($"no oracle for model '{model}'", nameof(model));
        }
    }
}
