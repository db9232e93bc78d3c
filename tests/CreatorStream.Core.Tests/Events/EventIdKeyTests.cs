using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Events;

public sealed class EventIdKeyTests
{
    // Every shape the key treats differently, and the edges between them.
    private static readonly string[] Shapes =
    [
        "e1", "e10", "e2", "a", "ab", "abc", "~", "!", "ev-2a-1", "ev-2a-10", "ev-2a-9", "ev-2a-123456789", "0123456789abcdef",
        "0123456789abcdefg", "0123456789abcdee", "with space", "tab\there", "é-accent", "日本", "\u0001ctl", "Z", "z",
        "0438691b-7b1f-4219-8864-fa2f7e75b960", "0438691b-7b1f-4219-8864-fa2f7e75b961", "0438691B-7B1F-4219-8864-FA2F7E75B960",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000000", "0438691b-7b1f-4219-8864_fa2f7e75b960",
        "0438691b-7b1f-4219-8864-fa2f7e75b96g", "0438691b-7b1f-4219-8864-fa2f7e75b960x", "0438691b",
        "\U0001F600", "a\U0001F600", "\uD7FF", "\uFFFF", // a surrogate pair orders by its UTF-16 units, below U+FFFF
    ];

    public static TheoryData<string> Ids => [.. Shapes];

    [Theory]
    [MemberData(nameof(Ids))]
    public void ToString_AnyId_GivesTheIdBack(string id) => Assert.Equal(id, EventIdKey.Of(id).ToString());

    [Theory]
    [MemberData(nameof(Ids))]
    public void Of_AnIdsChars_IsTheKeyOfItsString(string id)
    {
        // The decoder keys an id from the chars it unescaped onto its stack: the same key, equal hash, same order.
        var fromChars = EventIdKey.Of(id.AsSpan());

        Assert.Equal(EventIdKey.Of(id), fromChars);
        Assert.Equal(EventIdKey.Of(id).GetHashCode(), fromChars.GetHashCode());
        Assert.Equal(id, fromChars.ToString());
        Assert.False(fromChars.IsNone);
        Assert.Equal(string.IsNullOrWhiteSpace(id), fromChars.IsBlank);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" ", true)]
    [InlineData("\t \n", true)]
    [InlineData("a", false)]
    [InlineData(" a ", false)]
    public void IsBlank_EmptyOrWhiteSpaceIds_AreBlank(string id, bool blank)
    {
        var unescaped = System.Text.RegularExpressions.Regex.Unescape(id);

        Assert.Equal(blank, EventIdKey.Of(unescaped).IsBlank);
        Assert.Equal(blank, EventIdKey.Of(unescaped.AsSpan()).IsBlank);
        Assert.True(default(EventIdKey).IsBlank);
        Assert.True(default(EventIdKey).IsNone);
        Assert.False(EventIdKey.Of(unescaped).IsNone); // even an empty id is an id, not none
    }

    [Fact]
    public void CompareTo_EveryPairOfShapes_OrdersAsOrdinalStrings()
    {
        foreach (var a in Shapes)
        {
            foreach (var b in Shapes)
            {
                var expected = Math.Sign(string.CompareOrdinal(a, b));
                var (ka, kb) = (EventIdKey.Of(a), EventIdKey.Of(b));
                Assert.True(expected == Math.Sign(ka.CompareTo(kb)), $"{a} vs {b}");
                Assert.Equal(a == b, ka == kb);
                Assert.Equal(a == b, ka.Equals((object)kb));
            }
        }
    }

    [Fact]
    public void CompareTo_NoIdAgainstEveryShape_OrdersAsTheEmptyString()
    {
        foreach (var id in Shapes.Append(""))
        {
            Assert.True(Math.Sign(string.CompareOrdinal("", id)) == Math.Sign(default(EventIdKey).CompareTo(EventIdKey.Of(id))), id);
            Assert.True(Math.Sign(string.CompareOrdinal(id, "")) == Math.Sign(EventIdKey.Of(id).CompareTo(default)), id);
        }
    }

    [Fact]
    public void CompareTo_RandomIds_AgreesWithOrdinalAndEquality()
    {
        // Brute force against string.CompareOrdinal on ids drawn to collide often: short alphabets, shared prefixes.
        var random = new Random(20261121);
        var ids = Enumerable.Range(0, 400).Select(_ => RandomId(random)).ToList();
        foreach (var a in ids)
        {
            foreach (var b in ids.Take(60))
            {
                var (ka, kb) = (EventIdKey.Of(a), EventIdKey.Of(b));
                Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Math.Sign(ka.CompareTo(kb)));
                Assert.Equal(a == b, ka.Equals(kb));
                if (a == b)
                {
                    Assert.Equal(ka.GetHashCode(), kb.GetHashCode());
                }
            }
        }
    }

    [Fact]
    public void Of_EqualIdsFromDifferentStrings_AreEqualKeysWithEqualHashes()
    {
        var uuid = "0438691b-7b1f-4219-8864-fa2f7e75b960";
        var copy = new string(uuid.AsSpan());
        var kept = "an id longer than sixteen characters";

        Assert.Equal(EventIdKey.Of(uuid), EventIdKey.Of(copy));
        Assert.Equal(EventIdKey.Of(uuid).GetHashCode(), EventIdKey.Of(copy).GetHashCode());
        Assert.Equal(EventIdKey.Of(kept), EventIdKey.Of(new string(kept.AsSpan())));
        Assert.NotEqual(EventIdKey.Of(kept), EventIdKey.Of(kept + "!"));
    }

    private static string RandomId(Random random) => random.Next(5) switch
    {
        0 => new Guid(RandomBytes(random)).ToString() is var g && random.Next(4) == 0 ? g.ToUpperInvariant() : g,
        1 => "0438691b-7b1f-4219-8864-fa2f7e75b9" + random.Next(0, 256).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
        2 => new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => "ab~!-é "[random.Next(7)]).ToArray()),
        3 => "ev-2a-" + random.Next(0, 2_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "ev-2a-" + random.Next(0, 200).ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('x', random.Next(0, 14)),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
