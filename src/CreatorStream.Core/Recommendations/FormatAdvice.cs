using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Formats judged by what they sold, not by engagement (docs/design.md, "Recommendations"): each format's credited
/// conversions and revenue per 1,000 impressions in each creator's audience and on each platform, and for a creator
/// whose audience converts on one format more than on another beyond chance, a suggestion with its evidence. Pure.
/// </summary>
public static class FormatAdvice
{
    /// <summary>Impressions a format needs in a segment before it is ranked or compared.</summary>
    public const long MinImpressions = 1_000;

    /// <summary>Posts a format needs in a creator's audience before it is compared: fewer cannot tell the format from one post's luck.</summary>
    public const int MinPosts = 2;

    /// <summary>Credited conversions the two compared formats need between them.</summary>
    public const double MinConversions = 10;

    /// <summary>The z (after the posts' spread) a difference needs: about 1 in 200 by chance, one-sided, per comparison.</summary>
    public const double MinZ = 2.58;

    /// <summary>The least ratio worth a brief: a real but small difference does not change what a creator is asked for.</summary>
    public const double MinRatio = 1.25;

    private const string CreatorSegment = "creator";
    private const string PlatformSegment = "platform";

    /// <summary>One post's figures and the credit it carries (a content id seen on two platforms shares it evenly, as the breakdowns do).</summary>
    private readonly record struct Post(string CreatorId, string Platform, string Format, long Impressions, long Clicks, double Conversions, double Revenue);

    /// <summary>The formats' outcomes per creator and per platform (posts of a format not known yet are left out), and the suggestions.</summary>
    public static (List<FormatOutcome> Outcomes, List<CreatorSuggestion> Suggestions) Of(CampaignConfig campaign, CampaignState state)
    {
        var posts = Posts(campaign.Attribution.ReportingModel, state);
        var outcomes = new List<FormatOutcome>();
        outcomes.AddRange(Segment(CreatorSegment, posts.GroupBy(p => p.CreatorId, StringComparer.Ordinal)));
        outcomes.AddRange(Segment(PlatformSegment, posts.GroupBy(p => p.Platform, StringComparer.Ordinal)));
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
    /// The creator's best format against their weakest, each with enough posts and impressions: suggested when the
    /// stronger converts at least <see cref="MinRatio"/> times as often per impression and the conditional Poisson test's
    /// z, divided by the square root of the posts' dispersion about their own format's rate, reaches <see cref="MinZ"/>.
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
        var compared = posts.Where(p => p.Format == strong.ContentFormat || p.Format == weak.ContentFormat).ToList();
        var z = RateTest.Z(strong.Conversions, strong.Impressions, weak.Conversions, weak.Impressions) / Math.Sqrt(Dispersion(compared, strong, weak));
        if (ratio < MinRatio || z < MinZ)
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
            Z = z,
            Evidence = strong,
            ComparedEvidence = weak,
            Message = message,
        };
    }

    /// <summary>Pearson's χ² of the posts about their own format's rate, per degree of freedom (posts less the two rates), at least 1.</summary>
    private static double Dispersion(List<Post> posts, FormatOutcome strong, FormatOutcome weak)
    {
        var freedom = posts.Count - 2;
        if (freedom < 1)
        {
            return 1;
        }

        double chi2 = 0;
        foreach (var post in posts)
        {
            var rate = post.Format == strong.ContentFormat ? strong.Conversions / strong.Impressions : weak.Conversions / weak.Impressions;
            var expected = rate * post.Impressions;
            if (expected > 0)
            {
                chi2 += (post.Conversions - expected) * (post.Conversions - expected) / expected;
            }
        }

        return Math.Max(1, chi2 / freedom);
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
