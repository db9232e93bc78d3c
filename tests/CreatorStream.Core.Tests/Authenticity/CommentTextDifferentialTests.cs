using System.Text;
using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The comment readers that work in place (normalizing into a span, words read without strings) held to the plain
/// string-building versions they replaced, written out here, on generated comments: praise, filler and stock words
/// with stretched letters, capitals, punctuation, emoji, mentions, questions and runs of spaces, some longer than the
/// stack buffer.
/// </summary>
public sealed class CommentTextDifferentialTests
{
    private static readonly string[] Others = ["price", "blue", "where", "size", "shipping", "link", "2", "x9", "café"];
    private static readonly string[] Between = [" ", "  ", "!! ", ", ", "... ", " 🔥 ", "😍", " ✨✨ ", "\t", "-", "?", " @sam ", "#ad "];

    [Fact]
    public void GeneratedComments_ReadInPlace_AsTheStringVersionsRead()
    {
        var random = new Random(56);
        string[] vocabulary = [.. GenericPraise.Praise, .. GenericPraise.Filler, .. GenericPraise.Stock, .. Others];
        var generic = 0;
        var praise = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = Comment(random, vocabulary);
            var normalized = ReferenceNormalize(text);
            Assert.Equal(normalized, CommentText.Normalize(text));
            var expectedGeneric = !text.Contains('@') && ReferenceGeneric(text, stock: true);
            Assert.True(expectedGeneric == GenericPraise.IsGeneric(text), $"IsGeneric(\"{text}\")");
            var expectedPraise = !text.Contains('?') && !text.Contains('@') && ReferenceGeneric(text, stock: false);
            Assert.True(expectedPraise == GenericPraise.Is(text), $"Is(\"{text}\")");
            generic += expectedGeneric ? 1 : 0;
            praise += expectedPraise ? 1 : 0;

            var print = CommentPrint.Of(text);
            var ofNormalized = CommentPrint.OfNormalized(normalized);
            Assert.Equal(normalized.Length, print.Length);
            Assert.Equal(ofNormalized.Minima, print.Minima);
        }

        // The generator reaches both answers often, so the comparison means something.
        Assert.InRange(generic, 2_000, 18_000);
        Assert.InRange(praise, 1_000, 18_000);
    }

    private static string Comment(Random random, string[] vocabulary)
    {
        var builder = new StringBuilder();
        var words = random.Next(0, 10);
        var long_ = random.Next(200) == 0;
        for (var w = 0; w < (long_ ? 150 : words); w++)
        {
            var word = vocabulary[random.Next(vocabulary.Length)];
            if (random.Next(4) == 0 && word.Length > 0)
            {
                var at = random.Next(word.Length);
                word = word[..at] + new string(word[at], random.Next(2, 5)) + word[(at + 1)..]; // "yesss", "soooo"
            }

            if (random.Next(5) == 0)
            {
                word = random.Next(2) == 0 ? word.ToUpperInvariant() : char.ToUpperInvariant(word[0]) + word[1..];
            }

            builder.Append(word).Append(random.Next(3) == 0 ? Between[random.Next(Between.Length)] : " ");
        }

        if (random.Next(10) == 0)
        {
            builder.Clear().Append(random.Next(2) == 0 ? "  😍😍 " : "!!! 🔥"); // nothing to read
        }

        return builder.ToString();
    }

    private static string ReferenceNormalize(string text)
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

    private static bool ReferenceGeneric(string text, bool stock)
    {
        var words = ReferenceNormalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 6)
        {
            return false;
        }

        var praise = false;
        foreach (var word in words)
        {
            var known = Known(word) ?? Known(Squeeze(word, 2)) ?? Known(Squeeze(word, 1)) ?? (stock && GenericPraise.Stock.Contains(word) ? true : null);
            if (known is null)
            {
                return false;
            }

            praise |= known.Value;
        }

        return praise;
    }

    private static bool? Known(string word) => GenericPraise.Praise.Contains(word) ? true : GenericPraise.Filler.Contains(word) ? false : null;

    private static string Squeeze(string word, int run)
    {
        var builder = new StringBuilder();
        var same = 0;
        for (var i = 0; i < word.Length; i++)
        {
            same = i > 0 && word[i] == word[i - 1] ? same + 1 : 1;
            if (same <= run)
            {
                builder.Append(word[i]);
            }
        }

        return builder.ToString();
    }
}
