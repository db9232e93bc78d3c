using System.Collections.Frozen;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Whether a comment is generic praise: at most six words, no question and no mention, made only of praise words,
/// intensifiers and function words, at least one of them praise ("Amazing content!!", "so good 🔥", "Yesss love
/// this"). Such a comment says nothing about the post and fits any post, which is how pod members comment; a real
/// viewer's comment is usually about something (the product, a price, a question). The lists are a general English
/// starting point, not learnt from data; emoji are dropped with the punctuation and count as nothing.
/// <see cref="IsGeneric"/> is wider: praise or the stock lines of bought and spam comments, encouragement and
/// self-promotion ("Great shot! Keep it up", "Nice work, follow back?", "check my page"), the vocabulary that comment
/// farms spin (TubeSpam's self-promotion class; HypeAuditor's generic comments). Stateless; thread-safe.
/// </summary>
internal static class GenericPraise
{
    private const int MaxWords = 6;

    internal static readonly FrozenSet<string> Praise = FrozenSet.Create(StringComparer.Ordinal,
    [
        "amazing", "awesome", "beautiful", "best", "brilliant", "bravo", "congrats", "cool", "cute", "dope", "epic",
        "everything", "excellent", "fab", "fabulous", "fantastic", "fire", "gem", "goals", "good", "gorgeous", "great",
        "iconic", "incredible", "insane", "inspiring", "inspo", "killing", "legend", "lit", "love", "loved", "lovely",
        "loving", "nice", "obsessed", "omg", "perfect", "queen", "slay", "slaying", "stunning", "superb", "vibes",
        "wonderful", "wow", "yay", "yes",
    ]);

    internal static readonly FrozenSet<string> Filler = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "absolutely", "af", "again", "all", "always", "an", "and", "are", "as", "be", "content", "ever", "i", "im",
        "in", "is", "it", "its", "just", "literally", "look", "looks", "looking", "me", "much", "my", "of", "on", "our",
        "photo", "pic", "post", "really", "so", "such", "the", "this", "too", "totally", "truly", "very", "video", "was",
        "we", "you", "your", "youre",
    ]);

    // Content-free encouragement and self-promotion: words a comment can be made of and still say nothing about the post.
    internal static readonly FrozenSet<string> Stock = FrozenSet.Create(StringComparer.Ordinal,
    [
        "back", "bio", "check", "dm", "follow", "following", "going", "job", "keep", "out", "page", "profile", "shot",
        "up", "visit", "work",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PraiseWords = Praise.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerWords = Filler.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StockWords = Stock.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Is(string text)
    {
        if (text.Contains('?', StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal))
        {
            return false; // a question or a mention is about something
        }

        return Generic(text, stock: false);
    }

    /// <summary>
    /// Whether the comment is generic in the wider sense: praise, encouragement or self-promotion only, at least one word
    /// of praise or promotion in it, no mention ("Follow back?" asks nothing about the post; "@sam look" is about someone).
    /// </summary>
    public static bool IsGeneric(ReadOnlySpan<char> text) => !text.Contains('@') && Generic(text, stock: true);

    /// <summary>Judged on the normalized text's words, read in place: a comment costs no string.</summary>
    private static bool Generic(ReadOnlySpan<char> text, bool stock)
    {
        Span<char> buffer = text.Length <= CommentText.MaxStackChars ? stackalloc char[text.Length] : new char[text.Length];
        var normalized = CommentText.Normalize(text, buffer);
        var words = 0;
        foreach (var range in normalized.Split(' '))
        {
            words += normalized[range].IsEmpty ? 0 : 1;
        }

        if (words > MaxWords)
        {
            return false;
        }

        Span<char> squeezed = normalized.Length <= CommentText.MaxStackChars ? stackalloc char[normalized.Length] : new char[normalized.Length];
        var praise = false;
        foreach (var range in normalized.Split(' '))
        {
            var word = normalized[range];
            if (word.IsEmpty)
            {
                continue;
            }

            var known = Known(word) ?? Known(Squeeze(word, 2, squeezed)) ?? Known(Squeeze(word, 1, squeezed)) ?? (stock && StockWords.Contains(word) ? true : null);
            if (known is null)
            {
                return false; // a word about something: not generic
            }

            praise |= known.Value;
        }

        return praise;
    }

    /// <summary>True for a praise word, false for a filler word, null for any other word.</summary>
    private static bool? Known(ReadOnlySpan<char> word) => PraiseWords.Contains(word) ? true : FillerWords.Contains(word) ? false : null;

    /// <summary>Shortens runs of one letter to at most <paramref name="run"/> ("yesss" → "yess" → "yes", "soooo" → "so"), into <paramref name="into"/>.</summary>
    private static ReadOnlySpan<char> Squeeze(ReadOnlySpan<char> word, int run, Span<char> into)
    {
        var n = 0;
        var same = 0;
        for (var i = 0; i < word.Length; i++)
        {
            same = i > 0 && word[i] == word[i - 1] ? same + 1 : 1;
            if (same <= run)
            {
                into[n++] = word[i];
            }
        }

        return into[..n];
    }
}
