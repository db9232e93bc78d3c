using CreatorStream.Core.Conversions;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class OpenPathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Add_AnyNumberOfCreators_ReadsBackInOrderAsAList(int creators)
    {
        var expected = Enumerable.Range(0, creators).Select(i => $"creator{i}").ToList();
        var path = new OpenPath();
        expected.ForEach(path.Add);

        Assert.Equal(expected.Count, path.Count);
        Assert.Equal(expected, path);
        Assert.Equal(expected, Enumerable.Range(0, path.Count).Select(i => path[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => path[creators]);
        Assert.Throws<ArgumentOutOfRangeException>(() => path[-1]);
    }

    [Fact]
    public void ExpiredAt_AnEmptyPath_NeverExpires()
    {
        Assert.False(new OpenPath().ExpiredAt(long.MaxValue, 0));
    }
}
