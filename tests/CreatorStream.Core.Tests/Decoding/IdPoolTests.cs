using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Decoding;

public sealed class IdPoolTests
{
    [Fact]
    public void Decode_TwoEventsOfOneCreator_ShareTheIdStringsButNotTheirOwnIds()
    {
        var decoder = new EventDecoder();

        var first = (AudienceEvent)decoder.Decode(Line(Impression("u1", T0))).Event!;
        var second = (AudienceEvent)decoder.Decode(Line(Impression("u2", T0 + 1))).Event!;

        Assert.Same(first.CampaignId, second.CampaignId);
        Assert.Same(first.CreatorId, second.CreatorId);
        Assert.Same(first.ContentId, second.ContentId);
        Assert.NotSame(first.EventId, second.EventId);
    }

    [Fact]
    public void Decode_EscapedId_IsUnescapedBeforeItIsPooled()
    {
        var decoder = new EventDecoder();
        var plain = Encoding.UTF8.GetString(Line(Impression("u1", T0)));
        var escaped = plain.Replace("\"creator_id\":\"anna\"", "\"creator_id\":\"\\u0061nna\"", StringComparison.Ordinal);
        Assert.NotEqual(plain, escaped);

        var fromPlain = (AudienceEvent)decoder.Decode(Encoding.UTF8.GetBytes(plain)).Event!;
        var fromEscaped = (AudienceEvent)decoder.Decode(Encoding.UTF8.GetBytes(escaped)).Event!;

        Assert.Equal("anna", fromEscaped.CreatorId);
        Assert.Same(fromPlain.CreatorId, fromEscaped.CreatorId);
    }

    [Theory]
    [InlineData("anna")]
    [InlineData("créatrice-日本")] // more UTF-8 bytes than chars
    [InlineData("")]
    public void Get_Utf8_IsThePooledInstanceOfTheSameChars(string id)
    {
        var pool = new IdPool(16);
        var pooled = pool.Get(id.AsSpan());

        Assert.Same(pooled, pool.Get(Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Get_Utf8LongerThanThePooledLength_IsTheTextUnpooled()
    {
        var pool = new IdPool(16);
        var id = new string('x', IdPool.MaxPooledChars + 1);

        var first = pool.Get(Encoding.UTF8.GetBytes(id));

        Assert.Equal(id, first);
        Assert.NotSame(first, pool.Get(Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Get_PastCapacity_StillAnswersButPoolsNoMore()
    {
        var pool = new IdPool(capacity: 2);

        var a = pool.Get("a");
        var b = pool.Get("b");
        var c = pool.Get("c");

        Assert.Same(a, pool.Get("a"));
        Assert.Same(b, pool.Get("b"));
        Assert.Equal("c", c);
        Assert.NotSame(c, pool.Get("c"));
    }

    [Fact]
    public void Decode_IdLongerThanThePooledLength_IsStillReadWhole()
    {
        var decoder = new EventDecoder();
        var longId = new string('x', 200);
        var line = Encoding.UTF8.GetString(Line(Impression("u1", T0))).Replace("\"content_id\":\"", "\"content_id\":\"" + longId, StringComparison.Ordinal);

        var decoded = (AudienceEvent)decoder.Decode(Encoding.UTF8.GetBytes(line)).Event!;

        Assert.StartsWith(longId, decoded.ContentId, StringComparison.Ordinal);
    }
}
