using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

public sealed class GenericPraiseTests
{
    [Theory]
    [InlineData("Obsessed!! 😍")]
    [InlineData("Yesss love this")]
    [InlineData("So good 🔥🔥")]
    [InlineData("you are killing it")]
    [InlineData("Amazing content!!")]
    [InlineData("Gorgeous!!!")]
    [InlineData("wow wow WOW")]
    [InlineData("soooo cute")]
    public void Is_PraiseThatFitsAnyPost_IsGeneric(string text) => Assert.True(GenericPraise.Is(text));

    [Theory]
    [InlineData("where is this from?")] // a question
    [InlineData("@maya love this")] // a mention
    [InlineData("love the colours ✨")] // about the post
    [InlineData("bought it last week, love it")]
    [InlineData("love this 3")] // a number is something specific
    [InlineData("this is so you")] // no praise word
    [InlineData("so good so good so good so good")] // too long to be a reflex
    [InlineData("😍😍")] // nothing to read
    [InlineData("")]
    public void Is_CommentAboutSomething_IsNotGeneric(string text) => Assert.False(GenericPraise.Is(text));

    [Theory]
    [InlineData("Great shot! Keep it up")]
    [InlineData("Nice work, follow back?")] // a stock question asks nothing about the post
    [InlineData("Awesome content!! Check my page")]
    [InlineData("Fantastic post! Keep going")]
    [InlineData("so good 🔥")]
    public void IsGeneric_StockLinesOfBoughtComments_AreGeneric(string text) => Assert.True(GenericPraise.IsGeneric(text));

    [Theory]
    [InlineData("where is this from?")]
    [InlineData("@sam look at this")] // a mention is about someone
    [InlineData("keep the blue one")] // about the post
    [InlineData("check the price first")]
    [InlineData("😍😍")]
    public void IsGeneric_CommentAboutSomething_IsNotGeneric(string text) => Assert.False(GenericPraise.IsGeneric(text));
}
