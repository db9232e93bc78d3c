using CreatorStream.Core.State;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Tests.Stores;

/// <summary>
/// The stream-wide unattributed figures are added to by every brand task, in whatever order their commits land: the
/// in-memory store's sum must not depend on that order (as a running double, its last digits did: a replay's report read
/// 19616.889999999996 in one run and 19616.89 in the next).
/// </summary>
public sealed class InMemoryUnattributedTests
{
    // Revenue whose double sums differ with the order of addition: in the first order below a running double ends at
    // 1262.9999999999998, in the second at 1263.0.
    private static readonly double[] Revenues = [0.1, 0.2, 0.3, 19.99, 0.01, 1234.56, 7.77, 0.07];

    [Fact]
    public async Task Unattributed_CommitsInAnyOrder_SameExactSum()
    {
        var sums = new HashSet<(double, double)>();
        foreach (var order in new[] { new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, [0, 1, 2, 3, 4, 6, 7, 5], [7, 6, 5, 4, 3, 2, 1, 0] })
        {
            var store = new InMemoryStateStore();
            foreach (var i in order)
            {
                var delta = new StateDelta();
                delta.Attribution.Unattributed.Add(1, Revenues[i]);
                await store.CommitAsync(delta, CancellationToken.None);
            }

            var counters = await store.ReadCountersAsync(CancellationToken.None);
            sums.Add((counters.Unattributed.Conversions, counters.Unattributed.Revenue));
        }

        Assert.Equal([(8.0, 1263.0)], sums); // to the cent, and one figure whatever the order
    }
}
