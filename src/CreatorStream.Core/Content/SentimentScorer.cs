using System.Globalization;

namespace CreatorStream.Core.Content;

/// <summary>A comment's sentiment class. Wire names are lower case.</summary>
public enum SentimentClass : byte
{
    Neutral,
    Positive,
    Negative,
}

/// <summary>
/// Scores a comment's sentiment from a lexicon (docs/design.md, "Content", sentiment). Our own rules over
/// <see cref="SentimentLexicon"/>'s scores:
/// <list type="bullet">
/// <item>tokens are words (lower-cased, a hashtag's '#' dropped), emoji and emoticons; a two-word phrase of the lexicon
/// ("bad luck") scores as one;</item>
/// <item>a word within three words after a negation ("not", "never", "don't", any word ending in "n't") in the same
/// clause counts reversed and damped (× <see cref="NegationFactor"/>); emoji and emoticons are not negated;</item>
/// <item>an intensifier ("very", "so", "really", …) before a word multiplies it by <see cref="IntensifierFactor"/>, a
/// softener ("slightly", "kinda", …) by <see cref="SoftenerFactor"/>; a word in capitals in a text that is not all
/// capitals by <see cref="CapitalsFactor"/>;</item>
/// <item>after "but" the clause weighs <see cref="AfterButFactor"/> and what came before <see cref="BeforeButFactor"/>;</item>
/// <item>a negation whose three words held nothing scored counts <see cref="BareNegationScore"/>, unless its clause
/// is a question; a few complaint phrases of our own (<c>ComplaintPairs</c>) score as one;</item>
/// <item>exclamation marks raise the total by a tenth each, up to three;</item>
/// <item>the total <c>s</c> is normalised to <c>s / √(s² + 15)</c> in (−1, 1), and a text is positive at or above
/// <see cref="Threshold"/>, negative at or below its negative, neutral between.</item>
/// </list>
/// Pure and thread-safe.
/// </summary>
public sealed class SentimentScorer(SentimentLexicon lexicon)
{
    public const double NegationFactor = -0.75;
    public const double IntensifierFactor = 1.3;
    public const double SoftenerFactor = 0.7;
    public const double CapitalsFactor = 1.3;
    public const double BeforeButFactor = 0.5;
    public const double AfterButFactor = 1.5;

    /// <summary>What a negation adds when nothing it reverses was scored: a weak complaint.</summary>
    public const double BareNegationScore = -1;

    /// <summary>
    /// Where positive and negative begin, on the normalised score. Tuned on the first half of the labelled review
    /// sentences only (SentimentAccuracyTests); the other half and the labelled comments are held out.
    /// </summary>
    public const double Threshold = 0.15;

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "so", "soo", "sooo", "extremely", "super", "totally", "absolutely", "incredibly", "truly", "highly",
        "too", "most", "especially", "utterly", "completely", "such", "seriously",
    };

    private static readonly HashSet<string> Softeners = new(StringComparer.Ordinal)
    {
        "slightly", "kinda", "kind", "somewhat", "barely", "hardly", "little", "bit", "sort", "sorta", "fairly", "rather",
    };

    /// <summary>
    /// Our own additions for comments on products and posts, where the general lexicon says nothing or the wrong thing:
    /// a complaint or a warning phrased with neutral words ("don't buy", "stopped working", "money back"), scored as a
    /// negative two-word phrase; and nouns the lexicon scores that carry no sentiment alone ("quality" is +2 in AFINN-165,
    /// so "poor quality" came out neutral). Chosen from the misses on the training half of the review sentences only.
    /// </summary>
    private static readonly Dictionary<(string, string), int> ComplaintPairs = new()
    {
        [("dont", "buy")] = -2,
        [("not", "buy")] = -2,
        [("dont", "waste")] = -2,
        [("not", "waste")] = -2,
        [("waste", "of")] = -2,
        [("not", "worth")] = -2,
        [("money", "back")] = -2,
        [("stopped", "working")] = -2,
        [("doesnt", "work")] = -2,
        [("didnt", "work")] = -2,
        [("not", "work")] = -2,
        [("cant", "get")] = -1,
        [("return", "it")] = -2,
        [("returned", "it")] = -2,
        [("sending", "it")] = -1,
        [("it", "back")] = -1,
        [("dont", "bother")] = -2,
        [("expected", "better")] = -2,
        [("cant", "wait")] = 2,
        [("expect", "better")] = -2,
        [("save", "your")] = -1,
        [("not", "recommend")] = -2,
    };

    private static readonly HashSet<string> Unscored = new(StringComparer.Ordinal) { "quality" };

    public static SentimentScorer Default { get; } = new(SentimentLexicon.Default);

    [ThreadStatic]
    private static List<(string Text, TokenKind Kind, bool Capitals)>? t_tokens;

    /// <summary>The normalised score in (−1, 1); 0 for a text with nothing the lexicon scores.</summary>
    public double Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var tokens = Tokenize(text);
        var shouting = !HasLower(text);
        double before = 0, after = 0;
        var afterBut = false;
        var negatedFor = 0;
        var bareNegation = false;
        var scale = 1.0;

        // A negation whose scope held no scored word ("doesn't hold a charge", "not included") is itself a weak
        // complaint, unless its clause asks ("doesn't it come in blue?").
        void CloseNegation(bool question)
        {
            if (bareNegation && !question)
            {
                if (afterBut)
                {
                    after += BareNegationScore;
                }
                else
                {
                    before += BareNegationScore;
                }
            }

            bareNegation = false;
            negatedFor = 0;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var (token, kind, capitals) = tokens[i];
            if (kind == TokenKind.Boundary)
            {
                CloseNegation(token == "?");
                scale = 1.0;
                continue;
            }

            double value = 0;
            if (kind == TokenKind.Emoji)
            {
                value = lexicon.Emoji.GetValueOrDefault(token);
            }
            else if (kind == TokenKind.Emoticon)
            {
                value = lexicon.Emoticons.GetValueOrDefault(token);
            }
            else if (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Word && ComplaintPairs.TryGetValue((token, tokens[i + 1].Text), out var complaint))
            {
                value = complaint * scale; // the phrase holds its own negation
                i++;
                bareNegation = false;
                negatedFor = 0;
                scale = 1.0;
            }
            else if (token == "but")
            {
                CloseNegation(question: false);
                afterBut = true;
                scale = 1.0;
                continue;
            }
            else if (lexicon.Negations.Contains(token) || IsContraction(token))
            {
                negatedFor = 3;
                bareNegation = true;
                continue;
            }
            else if (Intensifiers.Contains(token))
            {
                scale *= IntensifierFactor;
                continue;
            }
            else if (Softeners.Contains(token))
            {
                scale *= SoftenerFactor;
                continue;
            }
            else
            {
                if (i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Word && lexicon.Pairs.TryGetValue((token, tokens[i + 1].Text), out var pair))
                {
                    value = pair;
                    i++;
                }
                else
                {
                    value = Unscored.Contains(token) ? 0 : lexicon.Words.GetValueOrDefault(token);
                }

                if (value != 0)
                {
                    value *= scale * (capitals && !shouting ? CapitalsFactor : 1.0);
                    if (negatedFor > 0)
                    {
                        value *= NegationFactor;
                        bareNegation = false;
                    }
                }

                negatedFor = Math.Max(0, negatedFor - 1);
                if (negatedFor == 0 && bareNegation)
                {
                    CloseNegation(question: false);
                }

                scale = 1.0;
            }

            if (afterBut)
            {
                after += value;
            }
            else
            {
                before += value;
            }
        }

        CloseNegation(question: text.TrimEnd().EndsWith('?'));
        var sum = afterBut ? (before * BeforeButFactor) + (after * AfterButFactor) : before;
        var exclamations = Math.Min(3, text.AsSpan().Count('!'));
        sum *= 1 + (0.1 * exclamations);
        return sum / Math.Sqrt((sum * sum) + 15);
    }

    public SentimentClass Classify(string? text) => ClassOf(Score(text), Threshold);

    /// <summary>The class of a normalised score at another threshold (for tuning).</summary>
    public static SentimentClass ClassOf(double score, double threshold) =>
        score >= threshold ? SentimentClass.Positive : score <= -threshold ? SentimentClass.Negative : SentimentClass.Neutral;

    /// <summary>Text without emoji variation selectors (U+FE0E, U+FE0F), as the lexicon keys emoji.</summary>
    public static string WithoutSelectors(string text) =>
        text.Replace("\uFE0F", "", StringComparison.Ordinal).Replace("\uFE0E", "", StringComparison.Ordinal);

    /// <summary>"dont", "isnt", "doesnt", … (an apostrophe dropped): a negation.</summary>
    private static bool IsContraction(string token) =>
        token.EndsWith("nt", StringComparison.Ordinal)
        && token[..^2] is "do" or "does" or "did" or "is" or "are" or "was" or "were" or "ca" or "could" or "would" or "should" or "wo"
            or "have" or "has" or "had" or "ai" or "must" or "need";

    private static bool HasLower(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text's tokens, in a list this thread keeps for the next comment (read it before scoring another).</summary>
    private List<(string Text, TokenKind Kind, bool Capitals)> Tokenize(string text)
    {
        // One string per word (lower-cased, apostrophes dropped), none for emoji, emoticons or punctuation: a comment is
        // scored once per authentic judgement, on the brand task's thread (docs/design.md, "Per-event cost").
        var tokens = t_tokens ??= [];
        tokens.Clear();
        Span<char> word = stackalloc char[64];
        var length = 0;
        var rawLength = 0;
        var capitals = true;
        var letters = false;
        void EndWord(Span<char> chars)
        {
            if (length > 0)
            {
                var lowered = chars[..length];
                var known = lexicon.Words.GetAlternateLookup<ReadOnlySpan<char>>();
                var token = known.TryGetValue(lowered, out var key, out _) ? key : new string(lowered);
                tokens.Add((token, TokenKind.Word, capitals && letters && rawLength > 1));
            }

            length = 0;
            rawLength = 0;
            capitals = true;
            letters = false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || (rawLength > 0 && c is '\'' or '’'))
            {
                rawLength++;
                if (char.IsLetter(c))
                {
                    letters = true;
                    capitals &= char.IsUpper(c);
                }

                if (c is not ('\'' or '’') && length < word.Length)
                {
                    word[length++] = char.ToLowerInvariant(c);
                }

                i++;
                continue;
            }

            EndWord(word);
            if (lexicon.EmoticonStarts.Contains(c) && MatchEmoticon(text, i) is { } emoticon)
            {
                tokens.Add((emoticon, TokenKind.Emoticon, false));
                i += emoticon.Length;
                continue;
            }

            if (char.IsWhiteSpace(c) && c != '\n')
            {
                i++;
                continue;
            }

            if (c is '.' or ',' or ';' or ':' or '?' or '!' or '\n')
            {
                tokens.Add((c == '?' ? "?" : "", TokenKind.Boundary, false));
                i++;
                continue;
            }

            // Emoji and other symbols: one user-perceived character, looked up without its variation selectors.
            var elementLength = StringInfo.GetNextTextElementLength(text, i);
            if (lexicon.Emoji.Count > 0 && EmojiAt(text.AsSpan(i, elementLength)) is { } emoji)
            {
                tokens.Add((emoji, TokenKind.Emoji, false));
            }

            i += elementLength;
        }

        EndWord(word);
        return tokens;
    }

    /// <summary>The lexicon's emoji that <paramref name="element"/> is (variation selectors aside), or null.</summary>
    private string? EmojiAt(ReadOnlySpan<char> element)
    {
        Span<char> bare = stackalloc char[Math.Min(element.Length, 32)];
        var n = 0;
        foreach (var ch in element)
        {
            if (ch is not ('\uFE0F' or '\uFE0E'))
            {
                if (n == bare.Length)
                {
                    return null; // longer than any emoji of the lexicon
                }

                bare[n++] = ch;
            }
        }

        return lexicon.Emoji.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(bare[..n], out var key, out _) ? key : null;
    }

    /// <summary>The longest emoticon of the lexicon starting at <paramref name="at"/>, standing alone (after a space or at the start).</summary>
    private string? MatchEmoticon(string text, int at)
    {
        if (at > 0 && !char.IsWhiteSpace(text[at - 1]))
        {
            return null;
        }

        var lookup = lexicon.Emoticons.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(lexicon.LongestEmoticon, text.Length - at); length >= 2; length--)
        {
            if (lookup.TryGetValue(text.AsSpan(at, length), out var key, out _) && (at + length == text.Length || !char.IsLetterOrDigit(text[at + length])))
            {
                return key;
            }
        }

        return null;
    }

    private enum TokenKind : byte
    {
        Word,
        Emoji,
        Emoticon,
        Boundary,
    }
}
