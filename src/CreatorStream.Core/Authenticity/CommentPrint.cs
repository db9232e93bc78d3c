namespace CreatorStream.Core.Authenticity;

/// <summary>
/// A comment's fingerprint for near-duplicate detection (issue 18): the MinHash of the character trigrams of its
/// normalized text (<see cref="CommentText"/>: case, punctuation, emoji and spacing aside), 16 minima. Two
/// prints agreeing on a share s of their minima estimate a Jaccard similarity of s between the texts' trigram sets, so
/// "Yesss 🔥", "YESSS!!" and "yesss ✨" are one template, and a spun "Amazing post! Keep it up" is near "Amazing pic!
/// Keep it up". Immutable.
/// </summary>
internal sealed class CommentPrint
{
    public const int Size = 16;

    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, Size).Select(i => KeyHash.Of($"minhash-{i}"))];

    private CommentPrint(uint[] minima, int length)
    {
        Minima = minima;
        Length = length;
    }

    public uint[] Minima { get; }

    /// <summary>Characters of the normalized text.</summary>
    public int Length { get; }

    public static CommentPrint Of(string text)
    {
        // The normalized text, padded with two spaces each side (short texts still give trigrams, and word edges count),
        // built and hashed in place: a comment costs its print and nothing else.
        Span<char> buffer = text.Length <= CommentText.MaxStackChars ? stackalloc char[text.Length + 4] : new char[text.Length + 4];
        var normalized = CommentText.Normalize(text, buffer[2..]);
        normalized.CopyTo(buffer[2..]); // in place already, unless the text had no letter or digit (then its trimmed self)
        return OfPadded(buffer[..(normalized.Length + 4)]);
    }

    /// <summary>The print of a text already normalized (tests hold <see cref="Of"/> to it).</summary>
    internal static CommentPrint OfNormalized(string normalized)
    {
        var padded = new char[normalized.Length + 4];
        normalized.CopyTo(padded.AsSpan(2));
        return OfPadded(padded);
    }

    /// <summary>The print of the normalized text in <paramref name="padded"/>[2..^2]; the two characters at each end are set to spaces.</summary>
    private static CommentPrint OfPadded(Span<char> padded)
    {
        padded[0] = padded[1] = ' ';
        padded[^2] = padded[^1] = ' ';
        var minima = new uint[Size];
        Array.Fill(minima, uint.MaxValue);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var trigram = Sketches.UserHash.Of(padded.Slice(i, 3));
            for (var k = 0; k < Size; k++)
            {
                var h = (uint)(KeyHash.Combine(trigram, Seeds[k]) >> 32);
                if (h < minima[k])
                {
                    minima[k] = h;
                }
            }
        }

        return new CommentPrint(minima, padded.Length - 4);
    }

    public static CommentPrint Restore(uint[] minima, int length) => new(minima, length);

    /// <summary>The estimated Jaccard similarity of two prints' trigram sets.</summary>
    public double Similarity(CommentPrint other)
    {
        var same = 0;
        for (var k = 0; k < Size; k++)
        {
            same += Minima[k] == other.Minima[k] ? 1 : 0;
        }

        return (double)same / Size;
    }
}
