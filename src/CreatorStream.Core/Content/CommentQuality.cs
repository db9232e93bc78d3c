namespace CreatorStream.Core.Content;

/// <summary>
/// Whether a comment says something about the post (docs/design.md, "Content", comment quality). Generic: no letters at
/// all (emoji or punctuation only), only mentions, at most <see cref="MaxGenericWords"/> words, or what the authenticity
/// classifier calls generic (praise, encouragement or self-promotion only: <see cref="Authenticity.GenericPraise"/>).
/// Anything else is meaningful. The rule was fixed before it was measured on the labelled comments. Pure.
/// </summary>
public static class CommentQuality
{
    /// <summary>A comment of this many words or fewer (mentions and hashtags aside) says too little to be about the post.</summary>
    public const int MaxGenericWords = 2;

    public static bool IsMeaningful(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !HasLetter(text))
        {
            return false;
        }

        // Words with a letter, mentions and hashtags aside; counted without splitting (a comment is judged per event).
        var words = 0;
        var inWord = false;
        var skipped = false;
        var letters = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                words += inWord && !skipped && letters ? 1 : 0;
                (inWord, skipped, letters) = (false, false, false);
                continue;
            }

            skipped |= !inWord && c is '@' or '#';
            inWord = true;
            letters |= char.IsLetter(c);
        }

        words += inWord && !skipped && letters ? 1 : 0;
        if (words <= MaxGenericWords)
        {
            return false;
        }

        // The generic-comment rule takes any mention as being about someone; here a mention beside praise or promotion
        // ("follow me @sam for more") says no more about the post, so the rule reads the text without its mentions.
        return !Authenticity.GenericPraise.IsGeneric(text.Contains('@', StringComparison.Ordinal) ? WithoutMentions(text) : text);
    }

    private static bool HasLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string WithoutMentions(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w[0] != '@'));
}
