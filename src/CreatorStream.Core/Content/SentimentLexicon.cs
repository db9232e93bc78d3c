using System.Globalization;

namespace CreatorStream.Core.Content;

/// <summary>
/// The word, two-word, emoji and emoticon scores (-5 to +5) and the negations the sentiment scorer reads
/// (docs/design.md, "Content", sentiment): wink-sentiment 5.0.2's data (MIT), whose words are AFINN-165, embedded as
/// <c>Content/Data/sentiment-lexicon.tsv</c> (made by <c>scripts/sentiment-data.mjs</c>). Loaded once; immutable.
/// </summary>
public sealed class SentimentLexicon
{
    private SentimentLexicon(
        Dictionary<string, int> words,
        Dictionary<(string, string), int> pairs,
        Dictionary<string, int> emoji,
        Dictionary<string, int> emoticons,
        HashSet<string> negations)
    {
        Words = words;
        Pairs = pairs;
        Emoji = emoji;
        Emoticons = emoticons;
        Negations = negations;
        LongestEmoticon = emoticons.Keys.Max(e => e.Length);
        EmoticonStarts = emoticons.Keys.Select(e => e[0]).ToHashSet();
    }

    /// <summary>The embedded lexicon.</summary>
    public static SentimentLexicon Default { get; } = Load();

    /// <summary>Words, by their lower-case text (ordinal: looked up by span as well).</summary>
    public Dictionary<string, int> Words { get; }

    public IReadOnlyDictionary<(string, string), int> Pairs { get; }

    /// <summary>Emoji without variation selectors (ordinal: looked up by span).</summary>
    public Dictionary<string, int> Emoji { get; }

    /// <summary>Emoticons (ordinal: looked up by span).</summary>
    public Dictionary<string, int> Emoticons { get; }
    public IReadOnlySet<string> Negations { get; }
    public int LongestEmoticon { get; }

    /// <summary>The characters an emoticon can start with: where the scorer tries to match one.</summary>
    public IReadOnlySet<char> EmoticonStarts { get; }

    private static SentimentLexicon Load()
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream("CreatorStream.Core.SentimentLexicon")
            ?? throw new InvalidOperationException("the sentiment lexicon is not embedded in CreatorStream.Core");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var (words, pairs, emoji, emoticons, negations) = (new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<(string, string), int>(), new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            var score = int.Parse(parts[2], CultureInfo.InvariantCulture);
            switch (parts[0])
            {
                case "w":
                    words[parts[1]] = score;
                    break;
                case "b":
                    var space = parts[1].IndexOf(' ', StringComparison.Ordinal);
                    pairs[(parts[1][..space], parts[1][(space + 1)..])] = score;
                    break;
                case "e":
                    emoji[SentimentScorer.WithoutSelectors(parts[1])] = score;
                    break;
                case "m":
                    emoticons[parts[1]] = score;
                    break;
                case "n":
                    negations.Add(parts[1].Replace("'", "", StringComparison.Ordinal));
                    break;
            }
        }

        return new SentimentLexicon(words, pairs, emoji, emoticons, negations);
    }
}
