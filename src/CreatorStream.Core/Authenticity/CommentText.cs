namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Normalizes comment text for the copy-paste check: lower case, letters and digits only, single spaces, so
/// "Great content 👍" and "great  content!!" are the same paste. A comment with no letters or digits (emoji only)
/// keeps its trimmed text. Stateless; thread-safe.
/// </summary>
internal static class CommentText
{
    /// <summary>Longest text normalized on the stack; a longer one takes an array.</summary>
    public const int MaxStackChars = 512;

    public static string Normalize(string text)
    {
        Span<char> buffer = text.Length <= MaxStackChars ? stackalloc char[text.Length] : new char[text.Length];
        return new string(Normalize(text, buffer));
    }

    /// <summary>
    /// The normalized text, written into <paramref name="into"/> (at least as long as <paramref name="text"/>: the
    /// normalized text is never longer), or the trimmed <paramref name="text"/> itself when it has no letter or digit.
    /// </summary>
    public static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> text, Span<char> into)
    {
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && length > 0)
                {
                    into[length++] = ' ';
                }

                into[length++] = char.ToLowerInvariant(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return length > 0 ? into[..length] : text.Trim();
    }
}
