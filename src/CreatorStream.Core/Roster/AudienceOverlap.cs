using CreatorStream.Core.Estimates;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Roster;

/// <summary>
/// How much of one creator's reached audience another creator reached too, over the campaigns read (docs/design.md,
/// "Roster"): <see cref="Users"/> is the users both reached, exact while both audiences are small enough to be kept
/// user by user (<see cref="HyperLogLog.SparseLimit"/>), else estimated from the reach sketches as |A| + |B| − |A ∪ B|
/// with a 90 % interval. <see cref="Share"/> is that over this creator's reach. Immutable.
/// </summary>
public sealed record AudienceOverlap(string CreatorId, string Name, long Reach, Interval Users, double? Share, bool Exact)
{
    /// <summary>
    /// A sketch's relative standard error (1.04 / √m with m = 2^14 registers); the three counts' errors are taken as
    /// independent, which overstates the spread (they are positively correlated).
    /// </summary>
    public const double SketchError = 1.04 / 128;

    /// <summary>The overlap of <paramref name="mine"/> (this creator's audience) with <paramref name="theirs"/> (another's).</summary>
    public static AudienceOverlap Of(string creatorId, string name, HyperLogLog mine, HyperLogLog theirs)
    {
        var reach = theirs.Count();
        if (mine.IsExact && theirs.IsExact)
        {
            var (small, large) = mine.Count() <= reach ? (mine, theirs) : (theirs, mine);
            long both = small.SortedExactHashes()!.Count(large.ContainsExactly);
            return new AudienceOverlap(creatorId, name, reach, new Interval(both, both, both), Ratio(both, mine.Count()), true);
        }

        var union = mine.Clone();
        union.Merge(theirs);
        var (countA, countB, countU) = (mine.Count(), reach, union.Count());
        var most = Math.Min(countA, countB);
        var estimate = Math.Clamp(countA + countB - countU, 0, most);
        double Spread(HyperLogLog sketch, long count) => sketch.IsExact ? 0 : SketchError * count;
        var sd = Math.Sqrt(Square(Spread(mine, countA)) + Square(Spread(theirs, countB)) + Square(SketchError * countU));
        var half = Interval.Z90 * sd;
        var users = new Interval(estimate, Math.Clamp(estimate - half, 0, most), Math.Clamp(estimate + half, 0, most));
        return new AudienceOverlap(creatorId, name, reach, users, Ratio(estimate, countA), false);
    }

    private static double Square(double x) => x * x;

    private static double? Ratio(double part, long whole) => whole > 0 ? part / whole : null;
}
