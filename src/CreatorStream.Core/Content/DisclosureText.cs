using System.Globalization;

namespace CreatorStream.Core.Content;

/// <summary>
/// Finds disclosure terms, promo codes and links in a post's text (docs/design.md, "Content", compliance). Matching is
/// case-insensitive (ordinal, ignoring case) and by whole words: a match may not be preceded or followed by a letter, digit or
/// '_', so "#ad" is found in "love it #ad!" and not in "#adidas", and "ANNA10" not in "ANNA100". Pure.
/// </summary>
public static class DisclosureText
{
    /// <summary>The earliest whole-word occurrence of any of <paramref name="terms"/> in <paramref name="text"/>: the term and its index, or null.</summary>
    public static (string Term, int Index)? FindFirst(string? text, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        (string Term, int Index)? first = null;
        foreach (var term in terms)
        {
            var index = IndexOfWord(text, term);
            if (index >= 0 && (first is null || index < first.Value.Index))
            {
                first = (term, index);
            }
        }

        return first;
    }

    /// <summary>The index of the first whole-word, case-insensitive occurrence of <paramref name="word"/>, or -1.</summary>
    public static int IndexOfWord(string text, string word)
    {
        var from = 0;
        while (from <= text.Length - word.Length)
        {
            var index = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return -1;
            }

            var end = index + word.Length;
            var startsWord = !IsWordChar(word[0]) || index == 0 || !IsWordChar(text[index - 1]);
            var endsWord = !IsWordChar(word[^1]) || end == text.Length || !IsWordChar(text[end]);
            if (startsWord && endsWord)
            {
                return index;
            }

            from = index + 1;
        }

        return -1;
    }

    /// <summary>
    /// How many characters a reader sees before <paramref name="index"/>: user-perceived characters (an emoji or a letter
    /// with its accents is one), as platforms count a caption's preview.
    /// </summary>
    public static int VisibleCharsBefore(string text, int index)
    {
        var count = 0;
        var position = 0;
        while (position < index)
        {
            position += StringInfo.GetNextTextElementLength(text, position);
            count++;
        }

        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
