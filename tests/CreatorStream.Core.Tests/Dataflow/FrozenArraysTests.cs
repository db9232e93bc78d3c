using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// The pool a snapshot's frozen copies are lent from (docs/design.md, "Recovery"): an array comes back when its capture
/// is finished or dropped, once, cleared when it holds references. Each test uses an item type of its own, so no other
/// test's capture takes from or gives back to its pool meanwhile.
/// </summary>
public sealed class FrozenArraysTests
{
    [Fact]
    public void Rent_CaptureFinished_LendsTheSameArrayAgain()
    {
        var capture = new SnapshotCapture();
        var array = capture.Rent<Lent>(1_000);
        Assert.True(array.Length >= 1_000);
        Assert.NotSame(array, FrozenArrays<Lent>.Rent(1_000).Array); // still lent: another one

        capture.Finish();
        Assert.Same(array, FrozenArrays<Lent>.Rent(1_000).Array);
    }

    [Fact]
    public void Rent_CaptureDroppedUnfinished_GivesTheArrayBack()
    {
        var capture = new SnapshotCapture();
        var array = capture.Rent<Dropped>(5_000);
        capture.Dispose();
        Assert.Same(array, FrozenArrays<Dropped>.Rent(5_000).Array);
    }

    [Fact]
    public void Lease_DisposedTwice_GivesTheArrayBackOnce()
    {
        var (array, lease) = FrozenArrays<Twice>.Rent(300);
        lease.Dispose();
        lease.Dispose();

        // Given back twice, the pool would lend one array to two copies at once.
        var (first, second) = (FrozenArrays<Twice>.Rent(300).Array, FrozenArrays<Twice>.Rent(300).Array);
        Assert.Same(array, first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Rent_ItemsWithReferences_ComeBackCleared()
    {
        var capture = new SnapshotCapture();
        var array = capture.Rent<string>(100);
        Array.Fill(array, "kept");
        capture.Finish();

        var again = FrozenArrays<string>.Rent(100).Array;
        Assert.Same(array, again);
        Assert.All(again, Assert.Null);
    }

    [Fact]
    public void Rent_LongerThanThePoolKeeps_MakesOneOfTheLengthAndDropsIt()
    {
        var length = FrozenArrays<Long>.MaxPooledLength + 1;
        var capture = new SnapshotCapture();
        var array = capture.Rent<Long>(length);
        Assert.Equal(length, array.Length); // not rounded up to the next power of two
        capture.Finish();
        Assert.NotSame(array, FrozenArrays<Long>.Rent(length).Array);
    }

    [Fact]
    public void Rent_NoItems_LendsAnEmptyArrayAndFinishes()
    {
        var capture = new SnapshotCapture();
        Assert.Empty(capture.Rent<Lent>(0));
        capture.Finish(); // an empty array is not the pool's: giving it back must not throw
    }

    [Fact]
    public void RentOrMake_NoCapture_MakesAnArrayOfTheLength()
    {
        Assert.Equal(37, SnapshotCapture.RentOrMake<long>(null, 37).Length);
    }

    private readonly record struct Lent(long Value);

    private readonly record struct Dropped(long Value);

    private readonly record struct Twice(long Value);

    private readonly record struct Long(byte Value);
}
