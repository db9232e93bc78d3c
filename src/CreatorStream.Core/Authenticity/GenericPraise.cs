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

    private static readonly FrozenSet<string> Praise = FrozenSet.Create(StringComparer.Ordinal,
    [
        "amazing", "awesome", "beautiful", "best", "brilliant", "bravo", "congrats", "cool", "cute", "dope", "epic",
        "everything", "excellent", "fab", "fabulous", "fantastic", "fire", "gem", "goals", "good", "gorgeous", "great",
        "iconic", "incredible", "insane", "inspiring", "inspo", "killing", "legend", "lit", "love", "loved", "lovely",
        "loving", "nice", "obsessed", "omg", "perfect", "queen", "slay", "slaying", "stunning", "superb", "vibes",
        "wonderful", "wow", "yay", "yes",
    ]);

    private static readonly FrozenSet<string> Filler = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "absolutely", "af", "again", "all", "always", "an", "and", "are", "as", "be", "content", "ever", "i", "im",
        "in", "is", "it", "its", "just", "literally", "look", "looks", "looking", "me", "much", "my", "of", "on", "our",
        "photo", "pic", "post", "really", "so", "such", "the", "this", "too", "totally", "truly", "very", "video", "was",
        "we", "you", "your", "youre",
    ]);

    // Content-free encouragement and self-promotion: words a comment can be made of and still say nothing about the post.
    private static readonly FrozenSet<string> Stock = FrozenSet.Create(StringComparer.Ordinal,
    [
        "back", "bio", "check", "dm", "follow", "following", "going", "job", "keep", "out", "page", "profile", "shot",
        "up", "visit", "work",
    ]);

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
    public static bool IsGeneric(string text) => !text.Contains('@', StringComparison.Ordinal) && Generic(text, stock: true);

    private static bool Generic(string text, bool stock)
    {
        var words = CommentText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords)
        {
            return false;
        }

        var praise = false;
        foreach (var word in words)
        {
            var known = Known(word) ?? Known(Squeeze(word, 2)) ?? Known(Squeeze(word, 1)) ?? (stock && Stock.Contains(word) ? true : null);
            if (known is null)
            {
                return false; // a word about something: not generic
            }

            praise |= known.Value;
        }

        return praise;
    }

    /// <summary>True for a praise word, false for a filler word, null for any other word.</summary>
    private static bool? Known(string word) => Praise.Contains(word) ? true : Filler.Contains(word) ? false : null;

    /// <summary>Shortens runs of one letter to at most <paramref name="run"/> ("yesss" → "yess" → "yes", "soooo" → "so").</summary>
    private static string Squeeze(string word, int run)
    {
        Span<char> chars = stackalloc char[word.Length];
        var n = 0;
        var same = 0;
        for (var i = 0; i < word.Length; i++)
        {
            same = i > 0 && word[i] == word[i - 1] ? same + 1 : 1;
            if (same <= run)
            {
                chars[n++] = word[i];
            }
        }

        return new string(chars[..n]);
    }
}
