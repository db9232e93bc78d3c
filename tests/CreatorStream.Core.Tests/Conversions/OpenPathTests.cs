using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class OpenPathTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(17, true)]
    public void Add_AnyNumberOfCreators_ReadsBackInOrder(int creators, bool shelved)
    {
        var expected = Enumerable.Range(0, creators).Select(i => $"creator{i}").ToList();
        var path = new OpenPath();
        var arrays = shelved ? new ArrayShelf<string>() : null;
        for (var i = 0; i < expected.Count; i++)
        {
            path.Add(expected[i], state: i + 1, arrays);
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
        path.Add("anna", state: 3, arrays: null);
        path.Add("ben");

        Assert.Equal(-1, path.LastState);
        Assert.Equal("ben", path.Last);
    }

    [Fact]
    public void Release_EmptiesThePath_AndTheNextPathGrowsInItsArrays()
    {
        var arrays = new ArrayShelf<string>();
        var first = new OpenPath { LastTs = 5 };
        for (var i = 0; i < 5; i++)
        {
            first.Add($"a{i}", state: i + 1, arrays); // arrays of 2, 4 and 8: the 2 and the 4 kept when outgrown
        }

        Assert.Equal(2, arrays.Kept);
        first.Release(arrays);

        Assert.Equal(3, arrays.Kept);
        Assert.Equal(0, first.Count);
        Assert.Equal(long.MinValue, first.LastTs); // as new
        Assert.Equal(MarkovChain.StartState, first.LastState);
        var second = new OpenPath();
        for (var i = 0; i < 5; i++)
        {
            second.Add($"b{i}", state: i + 1, arrays);
        }

        Assert.Equal(2, arrays.Kept); // lent the 2, 4 and 8 again; got the 2 and the 4 back
        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], second.Creators.ToArray());
    }

    [Fact]
    public void ManyPathsGrowingAndReleasedThroughOneShelf_EachReadsExactlyWhatItWasGiven()
    {
        // Paths share one shelf as a brand's users do: an array lent twice at once would show another path's creators.
        var random = new Random(55);
        var arrays = new ArrayShelf<string>();
        var paths = new OpenPath[64];
        var oracle = new List<string>[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            (paths[i], oracle[i]) = (new OpenPath(), []);
        }

        for (var step = 0; step < 20_000; step++)
        {
            var at = random.Next(paths.Length);
            if (random.Next(12) == 0)
            {
                paths[at].Release(arrays);
                oracle[at].Clear();
            }
            else
            {
                var creator = $"c{step}";
                paths[at].Add(creator, state: 1, arrays);
                oracle[at].Add(creator);
            }

            Assert.Equal(oracle[at], paths[at].Creators.ToArray());
        }

        for (var i = 0; i < paths.Length; i++)
        {
            Assert.Equal(oracle[i], paths[i].Creators.ToArray());
        }

        Assert.InRange(arrays.Kept, 1, 64 * 8);
    }
}
