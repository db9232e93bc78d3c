using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Formats judged by what they sold, not by engagement (docs/design.md, "Recommendations"): each format's credited
/// conversions and revenue per 1,000 impressions in each creator's audience, on each platform and in each country's
/// audience (the impressions from that country, and the credit whose touchpoints came from it), and for a creator
/// whose audience converts on one format more than on another beyond chance, a suggestion with its evidence. Pure.
/// </summary>
public static class FormatAdvice
{
    /// <summary>Impressions a format needs in a segment before it is ranked or compared.</summary>
    public const long MinImpressions = 1_000;

    /// <summary>
    /// Posts a format needs in a creator's audience before it is compared. The test below treats the post as the unit
    /// (a post's luck is not the format's), and with fewer than 5 posts a side no arrangement of them is rare enough.
    /// </summary>
    public const int MinPosts = 5;

    /// <summary>Credited conversions the two compared formats need between them.</summary>
    public const double MinConversions = 10;

    /// <summary>
    /// The largest one-sided p-value a brief may rest on. The stronger format is picked after looking, so this is a
    /// two-sided 1 %: at most one creator in a hundred whose formats sell alike is briefed.
    /// </summary>
    public const double MaxPValue = 0.005;

    /// <summary>Label arrangements drawn when there are more than this many to count exhaustively.</summary>
    public const int PermutationDraws = 20_000;

    /// <summary>The least ratio worth a brief: a real but small difference does not change what a creator is asked for.</summary>
    public const double MinRatio = 1.25;

    private const string CreatorSegment = "creator";
    private const string PlatformSegment = "platform";
    private const string CountrySegment = "country";

    /// <summary>One post's figures and the credit it carries (a content id seen on two platforms shares it evenly, as the breakdowns do).</summary>
    private readonly record struct Post(string CreatorId, string Platform, string Format, long Impressions, long Clicks, double Conversions, double Revenue);

    /// <summary>The formats' outcomes per creator, per platform and per country (posts of a format not known yet are left out), and the suggestions.</summary>
    public static (List<FormatOutcome> Outcomes, List<CreatorSuggestion> Suggestions) Of(CampaignConfig campaign, CampaignState state)
    {
        var posts = Posts(campaign.Attribution.ReportingModel, state);
        var outcomes = new List<FormatOutcome>();
        outcomes.AddRange(Segment(CreatorSegment, posts.GroupBy(p => p.CreatorId, StringComparer.Ordinal)));
        outcomes.AddRange(Segment(PlatformSegment, posts.GroupBy(p => p.Platform, StringComparer.Ordinal)));
        outcomes.AddRange(Segment(CountrySegment, CountryPosts(campaign.Attribution.ReportingModel, state).GroupBy(p => p.Country, p => p.Post, StringComparer.Ordinal)));
        var names = campaign.Creators.ToDictionary(c => c.CreatorId, c => c.Name.Length > 0 ? c.Name : c.CreatorId, StringComparer.Ordinal);
        var suggestions = posts
            .GroupBy(p => p.CreatorId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Suggest(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, [.. g], outcomes))
            .OfType<CreatorSuggestion>()
            .ToList();
        return (outcomes, suggestions);
    }

    private static List<Post> Posts(string model, CampaignState state)
    {
        var refs = state.Content.GroupBy(p => p.Key.ContentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. state.Content
            .Where(p => p.Value.Format is not null)
            .OrderBy(p => p.Key.CreatorId, StringComparer.Ordinal).ThenBy(p => p.Key.ContentId, StringComparer.Ordinal).ThenBy(p => p.Key.Platform)
            .Select(p =>
            {
                var credit = state.Attribution.Content.GetValueOrDefault((p.Key.ContentId, model));
                var share = 1.0 / refs[p.Key.ContentId];
                return new Post(p.Key.CreatorId, WireNames.Of(p.Key.Platform), WireNames.Of(p.Value.Format!.Value), p.Value.Counters.Impressions, p.Value.Counters.Clicks, credit.Conversions * share, credit.Revenue * share);
            })];
    }

    /// <summary>
    /// Each post's figures from one country's audience: its impressions and clicks from there, and the credit whose
    /// touchpoints came from there. A content id the country saw on two platforms shares that credit evenly between
    /// them (as a post's own credit is shared); one it saw on one platform only gives that one all of it. Countries are
    /// read as producers write them, in any case and with stray spaces: " de" and "DE" are one audience.
    /// </summary>
    private static List<(string Country, Post Post)> CountryPosts(string model, CampaignState state)
    {
        var formats = state.Content
            .Where(p => p.Value.Format is not null)
            .ToDictionary(p => (p.Key.CreatorId, p.Key.ContentId, p.Key.Platform), p => p.Value.Format!.Value);
        var reach = new Dictionary<(string Country, string CreatorId, string ContentId, Platform Platform), (long Impressions, long Clicks)>();
        foreach (var ((creatorId, contentId, platform, country), seen) in state.Attribution.CountryReach)
        {
            if (formats.ContainsKey((creatorId, contentId, platform)))
            {
                var key = (CountryOf(country), creatorId, contentId, platform);
                var (impressions, clicks) = reach.GetValueOrDefault(key);
                reach[key] = (impressions + seen.Impressions, clicks + seen.Clicks);
            }
        }

        // Summed in the ids' order, so the figure is the same whatever order a store lists them in.
        var credit = new Dictionary<(string ContentId, string Country), CreditSums>();
        foreach (var ((contentId, country, _), sums) in state.Attribution.ByCountry
            .Where(c => c.Key.Model == model)
            .OrderBy(c => c.Key.ContentId, StringComparer.Ordinal).ThenBy(c => c.Key.Country, StringComparer.Ordinal))
        {
            var key = (contentId, CountryOf(country));
            var total = credit.GetValueOrDefault(key);
            total.Add(sums.Conversions, sums.Revenue);
            credit[key] = total;
        }

        var refs = reach.Keys.GroupBy(k => (k.ContentId, k.Country)).ToDictionary(g => g.Key, g => g.Count());
        return [.. reach
            .OrderBy(p => p.Key.Country, StringComparer.Ordinal).ThenBy(p => p.Key.CreatorId, StringComparer.Ordinal)
            .ThenBy(p => p.Key.ContentId, StringComparer.Ordinal).ThenBy(p => p.Key.Platform)
            .Select(p =>
            {
                var (country, creatorId, contentId, platform) = p.Key;
                var sums = credit.GetValueOrDefault((contentId, country));
                var share = 1.0 / refs[(contentId, country)];
                var post = new Post(creatorId, WireNames.Of(platform), WireNames.Of(formats[(creatorId, contentId, platform)]), p.Value.Impressions, p.Value.Clicks, sums.Conversions * share, sums.Revenue * share);
                return (country, post);
            })];
    }

    private static string CountryOf(string country) => country.Trim().ToUpperInvariant();

    private static IEnumerable<FormatOutcome> Segment(string segment, IEnumerable<IGrouping<string, Post>> groups)
    {
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group
                .GroupBy(p => p.Format, StringComparer.Ordinal)
                .Select(f => Outcome(segment, group.Key, f.Key, [.. f]))
                .OrderByDescending(r => r.ConversionsPerThousand ?? -1).ThenBy(r => r.ContentFormat, StringComparer.Ordinal)
                .ToList();
            var best = rows.FirstOrDefault(r => r.Impressions >= MinImpressions);
            foreach (var row in rows)
            {
                yield return ReferenceEquals(row, best) ? row with { Best = true } : row;
            }
        }
    }

    private static FormatOutcome Outcome(string segment, string segmentId, string format, List<Post> posts)
    {
        var impressions = posts.Sum(p => p.Impressions);
        var conversions = posts.Sum(p => p.Conversions);
        var revenue = posts.Sum(p => p.Revenue);
        return new FormatOutcome
        {
            Segment = segment,
            SegmentId = segmentId,
            ContentFormat = format,
            Posts = posts.Count,
            Impressions = impressions,
            Clicks = posts.Sum(p => p.Clicks),
            Conversions = conversions,
            Revenue = revenue,
            ConversionsPerThousand = Ratio.Of(conversions * 1_000, impressions),
            RevenuePerThousand = Ratio.Of(revenue * 1_000, impressions),
        };
    }

    /// <summary>
    /// The creator's best format against their weakest, each with at least <see cref="MinPosts"/> posts and
    /// <see cref="MinImpressions"/> impressions: suggested when the stronger converts at least <see cref="MinRatio"/>
    /// times as often per impression and a permutation test over the posts finds that gap rare (p ≤
    /// <see cref="MaxPValue"/>). Posts differ far more than a Poisson count would (each has its own quality), so the
    /// test moves whole posts between the two formats: under "formats sell alike" every split of the posts into the two
    /// sizes is as likely as the one observed.
    /// </summary>
    private static CreatorSuggestion? Suggest(string creatorId, string name, List<Post> posts, List<FormatOutcome> outcomes)
    {
        var eligible = outcomes
            .Where(o => o.Segment == CreatorSegment && o.SegmentId == creatorId && o.Impressions >= MinImpressions && o.Posts >= MinPosts)
            .ToList();
        if (eligible.Count < 2)
        {
            return null;
        }

        var strong = eligible[0];
        var weak = eligible[^1];
        if (strong.Conversions + weak.Conversions < MinConversions || strong.ConversionsPerThousand is not { } high || weak.ConversionsPerThousand is not { } low)
        {
            return null;
        }

        double? ratio = low > 0 ? high / low : null; // null: the weaker format sold nothing
        if (ratio < MinRatio)
        {
            return null;
        }

        var compared = posts.Where(p => p.Format == strong.ContentFormat).Concat(posts.Where(p => p.Format == weak.ContentFormat)).ToList();
        var p = PermutationP(compared, strong.Posts);
        if (p > MaxPValue)
        {
            return null;
        }

        var times = ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:0.0}× more") : "only";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{name}'s audience converts {times} on {Plural(strong.ContentFormat)} than on {Plural(weak.ContentFormat)}: {high:0.00} against {low:0.00} credited conversions per 1,000 impressions ({strong.Conversions:0.#} over {strong.Posts} posts against {weak.Conversions:0.#} over {weak.Posts}). Brief more {Plural(strong.ContentFormat)}.");
        return new CreatorSuggestion
        {
            CreatorId = creatorId,
            Kind = "brief_format",
            Format = strong.ContentFormat,
            ComparedWith = weak.ContentFormat,
            Ratio = ratio,
            PValue = p,
            Evidence = strong,
            ComparedEvidence = weak,
            Message = message,
        };
    }

    /// <summary>
    /// The share of the ways to split <paramref name="posts"/> into <paramref name="first"/> and the rest whose first
    /// part converts per impression at least as far above the rest as the observed split (the first
    /// <paramref name="first"/> posts) does. Counted over every split when there are at most
    /// <see cref="PermutationDraws"/>, else over that many splits drawn with a fixed seed, so the answer is repeatable.
    /// </summary>
    public static double PermutationP(IReadOnlyList<(long Impressions, double Conversions)> posts, int first)
    {
        var n = posts.Count;
        double totalImpressions = posts.Sum(p => p.Impressions), totalConversions = posts.Sum(p => p.Conversions);
        double Gap(double impressions, double conversions) =>
            (conversions / impressions) - ((totalConversions - conversions) / (totalImpressions - impressions));

        var observed = Gap(posts.Take(first).Sum(p => (double)p.Impressions), posts.Take(first).Sum(p => p.Conversions));
        var tolerance = 1e-12 * Math.Max(1, Math.Abs(observed));
        long atLeast = 0, splits = 0;
        if (Choose(n, first) <= PermutationDraws)
        {
            var chosen = new int[first];
            for (var i = 0; i < first; i++)
            {
                chosen[i] = i;
            }

            while (true)
            {
                double impressions = 0, conversions = 0;
                foreach (var i in chosen)
                {
                    impressions += posts[i].Impressions;
                    conversions += posts[i].Conversions;
                }

                splits++;
                atLeast += Gap(impressions, conversions) >= observed - tolerance ? 1 : 0;
                var k = first - 1;
                while (k >= 0 && chosen[k] == n - first + k)
                {
                    k--;
                }

                if (k < 0)
                {
                    break;
                }

                chosen[k]++;
                for (var j = k + 1; j < first; j++)
                {
                    chosen[j] = chosen[j - 1] + 1;
                }
            }

            return (double)atLeast / splits;
        }

        var random = new Random(20_261_124);
        var order = Enumerable.Range(0, n).ToArray();
        for (var draw = 0; draw < PermutationDraws; draw++)
        {
            double impressions = 0, conversions = 0;
            for (var i = 0; i < first; i++)
            {
                var j = random.Next(i, n);
                (order[i], order[j]) = (order[j], order[i]);
                impressions += posts[order[i]].Impressions;
                conversions += posts[order[i]].Conversions;
            }

            atLeast += Gap(impressions, conversions) >= observed - tolerance ? 1 : 0;
        }

        // The observed split counts as one of the draws (a p-value from draws is never 0).
        return (atLeast + 1.0) / (PermutationDraws + 1.0);
    }

    private static double PermutationP(List<Post> posts, int first) => PermutationP([.. posts.Select(p => (p.Impressions, p.Conversions))], first);

    private static double Choose(int n, int k)
    {
        double result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static string Plural(string format) => format switch
    {
        "story" => "stories",
        "live" => "live streams",
        "carousel" => "carousels",
        "other" => "other posts",
        _ => format + "s",
    };
}
