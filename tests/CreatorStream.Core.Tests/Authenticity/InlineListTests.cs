using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The classifier's inline lists (docs/design.md, "Per-event cost") against <see cref="List{T}"/>, the oracle they
/// replaced: random adds, removals at any place and removals by time, compared item by item and in order.
/// </summary>
public sealed class InlineListTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomOperations_HoldWhatAListHolds(int seed)
    {
        var list = new InlineList<(ulong Post, long Ts)>();
        var oracle = new List<(ulong Post, long Ts)>();
        var random = new Random(seed);
        for (var step = 0; step < 20_000; step++)
        {
            switch (random.Next(6))
            {
                case 0 when oracle.Count > 0:
                    var at = random.Next(oracle.Count);
                    oracle.RemoveAt(at);
                    list.RemoveAt(at);
                    break;
                case 1:
                    var before = (long)random.Next(step + 1);
                    var removed = oracle.RemoveAll(p => p.Ts < before);
                    Assert.Equal(removed, list.RemoveBefore(before, static p => p.Ts));
                    break;
                default:
                    var item = ((ulong)random.Next(1_000), (long)random.Next(step + 1));
                    oracle.Add(item);
                    list.Add(item);
                    break;
            }

            Assert.Equal(oracle.Count, list.Count);
            Assert.Equal(oracle, list.AsSpan().ToArray());
        }
    }

    [Fact]
    public void Held_FromTheFirstAddUntilReset_EvenWhenEmptied()
    {
        var list = new InlineList<int>();
        Assert.False(list.Held);
        Assert.Equal(0, list.AsSpan().Length);

        list.Add(7);
        list.RemoveAt(0);
        Assert.True(list.Held); // emptied by removal: still held, as a list emptied by RemoveAt was still there
        Assert.Equal(0, list.Count);

        list.Reset();
        Assert.False(list.Held);
        list.Hold();
        Assert.True(list.Held);
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Hold_ThenAdd_Grows()
    {
        var list = new InlineList<int>();
        list.Hold();
        for (var i = 0; i < 5; i++)
        {
            list.Add(i);
        }

        Assert.Equal([0, 1, 2, 3, 4], list.AsSpan().ToArray());
    }

    [Fact]
    public void Removals_LetGoOfTheItems()
    {
        var list = new InlineList<(object Item, long Ts)>();
        var byIndex = AddUnreferenced(ref list, ts: 5);
        var byTime = AddUnreferenced(ref list, ts: 1);
        list.RemoveAt(0); // shifts the second down: its old slot must not keep it once it goes too
        Assert.Equal(1, list.RemoveBefore(2, static p => p.Ts));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.True(list.Held); // still held: its emptied slots (the array's, and the inline one it moved from) must be cleared
        Assert.Equal(0, list.Count);
        Assert.False(byIndex.IsAlive);
        Assert.False(byTime.IsAlive);
    }

    // One item is held inline, not in an array: removing it by place, by time or by a reset must let it go too.
    [Theory]
    [InlineData("at")]
    [InlineData("before")]
    [InlineData("reset")]
    public void Removals_OfTheOneInlineItem_LetItGo(string how)
    {
        var list = new InlineList<(object Item, long Ts)>();
        var only = AddUnreferenced(ref list, ts: 1);
        switch (how)
        {
            case "at": list.RemoveAt(0); break;
            case "before": Assert.Equal(1, list.RemoveBefore(2, static p => p.Ts)); break;
            default: list.Reset(); break;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(0, list.Count);
        Assert.Equal(how != "reset", list.Held);
        Assert.False(only.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference AddUnreferenced(ref InlineList<(object Item, long Ts)> list, long ts)
    {
        var item = new object();
        list.Add((item, ts));
        return new WeakReference(item);
    }

    [Fact]
    public void RemoveAt_PastTheEnd_Throws()
    {
        var list = new InlineList<int>();
        list.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => list.RemoveAt(1));
        Assert.Equal([1], list.AsSpan().ToArray());
    }
}
