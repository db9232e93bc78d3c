using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Content;

/// <summary>
/// What a comment's text says, packed in a byte so an engagement kept for revision can carry it at no cost
/// (docs/design.md, "Content"): its sentiment (bits 0-1: 0 no text, then <see cref="SentimentClass"/> + 1), whether it
/// is meaningful (bit 2) and whether it names the brand (bit 3). Pure.
/// </summary>
public static class CommentTraits
{
    private const byte MeaningfulBit = 1 << 2;
    private const byte MentionBit = 1 << 3;

    /// <summary>The traits of a comment's text; 0 for none (a comment without text counts in no sentiment).</summary>
    public static byte Of(string? text, IReadOnlyList<string> brandTerms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var traits = (byte)((byte)SentimentScorer.Default.Classify(text) + 1);
        if (CommentQuality.IsMeaningful(text))
        {
            traits |= MeaningfulBit;
        }

        for (var i = 0; i < brandTerms.Count; i++) // by index: a foreach over the interface allocates its enumerator
        {
            if (DisclosureText.IndexOfWord(text, brandTerms[i]) >= 0)
            {
                traits |= MentionBit;
                break;
            }
        }

        return traits;
    }

    /// <summary>The sentiment counted, or null for a comment without text.</summary>
    public static SentimentClass? SentimentOf(byte traits) => (traits & 3) == 0 ? null : (SentimentClass)((traits & 3) - 1);

    public static bool IsMeaningful(byte traits) => (traits & MeaningfulBit) != 0;

    public static bool MentionsBrand(byte traits) => (traits & MentionBit) != 0;

    /// <summary>Adds (<paramref name="sign"/> 1) or takes back (−1) a comment of these traits.</summary>
    public static void Count(ref Counters counters, byte traits, int sign)
    {
        switch (SentimentOf(traits))
        {
            case null:
                return;
            case SentimentClass.Positive:
                counters.CommentsPositive += sign;
                break;
            case SentimentClass.Negative:
                counters.CommentsNegative += sign;
                break;
            default:
                counters.CommentsNeutral += sign;
                break;
        }

        counters.CommentsMeaningful += IsMeaningful(traits) ? sign : 0;
        counters.BrandMentions += MentionsBrand(traits) ? sign : 0;
    }
}
