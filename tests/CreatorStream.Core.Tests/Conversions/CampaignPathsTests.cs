using System.Runtime.CompilerServices;
using CreatorStream.Core.Conversions;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>
/// A user's open paths by campaign (docs/design.md, "Per-event cost") against a list of (campaign, creators), the
/// oracle: random adds, extensions and removals, compared path by path and in order after every step.
/// </summary>
public sealed class CampaignPathsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperations_HoldWhatAListOfPathsHolds(int seed)
    {
        var paths = new CampaignPaths();
        var oracle = new List<(string Campaign, List<string> Creators)>();
        var random = new Random(seed);
        for (var step = 0; step < 5_000; step++)
        {
            var campaign = $"c{random.Next(5)}";
            var at = oracle.FindIndex(p => p.Campaign == campaign);
            if (random.Next(3) == 0)
            {
                Assert.Equal(at >= 0, paths.Remove(campaign, out var removed));
                if (at >= 0)
                {
                    Assert.Equal(oracle[at].Creators, removed.Creators.ToArray());
                    oracle.RemoveAt(at);
                }
            }
            else
            {
                var creator = $"k{random.Next(4)}";
                paths.GetOrAdd(campaign).Add(creator);
                if (at < 0)
                {
                    oracle.Add((campaign, []));
                    at = oracle.Count - 1;
                }

                oracle[at].Creators.Add(creator);
            }

            Assert.Equal(oracle.Count, paths.Count);
            for (var i = 0; i < oracle.Count; i++)
            {
                var (held, path) = paths.At(i);
                Assert.Equal(oracle[i].Campaign, held);
                Assert.Equal(oracle[i].Creators, path.Creators.ToArray());
                Assert.Equal(oracle[i].Creators, paths.Find(held).Creators.ToArray());
            }
        }
    }

    [Fact]
    public void Find_CampaignWithoutAPath_IsANullReference()
    {
        var paths = new CampaignPaths();
        Assert.True(Unsafe.IsNullRef(ref paths.Find("spring")));

        paths.GetOrAdd("spring").LastTs = 5;
        paths.GetOrAdd("autumn").LastTs = 7;

        Assert.Equal(5, paths.Find("spring").LastTs);
        Assert.Equal(7, paths.Find("autumn").LastTs);
        Assert.True(Unsafe.IsNullRef(ref paths.Find("winter")));
    }

    [Fact]
    public void GetOrAdd_NewCampaign_IsAnEmptyPathNeverTouched()
    {
        var paths = new CampaignPaths();
        paths.GetOrAdd("spring").Add("anna");

        ref var added = ref paths.GetOrAdd("autumn");

        Assert.Equal(0, added.Count);
        Assert.Equal(long.MinValue, added.LastTs);
        Assert.Equal(Core.Attribution.MarkovChain.StartState, added.LastState);
    }
}
