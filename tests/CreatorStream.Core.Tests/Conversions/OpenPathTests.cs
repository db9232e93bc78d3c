using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class OpenPathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Add_AnyNumberOfCreators_ReadsBackInOrder(int creators)
    {
        var expected = Enumerable.Range(0, creators).Select(i => $"creator{i}").ToList();
        var path = new OpenPath();
        for (var i = 0; i < expected.Count; i++)
        {
            path.Add(expected[i], state: i + 1);
        }

        Assert.Equal(expected.Count, path.Count);
        Assert.Equal(expected, path.Creators.ToArray());
        Assert.Equal(expected.LastOrDefault(), path.Last);
        Assert.Equal(creators == 0 ? MarkovChain.StartState : creators, path.LastState);
    }

    [Fact]
    public void New_AnEmptyPathNeverTouched()
    {
        var path = new OpenPath();

        Assert.Equal(long.MinValue, path.LastTs);
        Assert.Equal(MarkovChain.StartState, path.LastState);
        Assert.Null(path.Last);
        Assert.False(path.ExpiredAt(long.MaxValue, 0)); // an empty path never expires
    }

    [Fact]
    public void Add_WithoutAState_MarksTheLastStateUnknown()
    {
        var path = new OpenPath();
        path.Add("anna", state: 3);
        path.Add("ben");

        Assert.Equal(-1, path.LastState);
        Assert.Equal("ben", path.Last);
    }
}
