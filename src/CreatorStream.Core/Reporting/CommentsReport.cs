using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// What a scope's authentic comments say (docs/design.md, "Content"): how many carried text, by sentiment; net sentiment
/// (positive less negative, over those), the share that says something about the post, and how many name the brand.
/// </summary>
public sealed record CommentsReport
{
    public long Judged { get; init; }
    public long Positive { get; init; }
    public long Neutral { get; init; }
    public long Negative { get; init; }

    /// <summary>(positive − negative) / judged, in [−1, 1]; null with no comment judged.</summary>
    public double? NetSentiment { get; init; }

    public long Meaningful { get; init; }

    /// <summary>Meaningful / judged; null with no comment judged.</summary>
    public double? MeaningfulShare { get; init; }

    public long BrandMentions { get; init; }

    public static CommentsReport Of(in Counters c) => new()
    {
        Judged = c.CommentsJudged,
        Positive = c.CommentsPositive,
        Neutral = c.CommentsNeutral,
        Negative = c.CommentsNegative,
        NetSentiment = Ratio.Of(c.CommentsPositive - c.CommentsNegative, c.CommentsJudged),
        Meaningful = c.CommentsMeaningful,
        MeaningfulShare = Ratio.Of(c.CommentsMeaningful, c.CommentsJudged),
        BrandMentions = c.BrandMentions,
    };
}
