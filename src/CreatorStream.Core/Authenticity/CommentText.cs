using System.Text;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Normalizes comment text for the copy-paste check: lower case, letters and digits only, single spaces, so
/// "Great content 👍" and "great  content!!" are the same paste. A comment with no letters or digits (emoji only)
/// keeps its trimmed text. Stateless; thread-safe.
/// </summary>
internal static class CommentText
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.Length > 0 ? builder.ToString() : text.Trim();
    }
}
