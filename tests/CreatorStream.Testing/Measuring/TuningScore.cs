using System.Globalization;

namespace CreatorStream.Testing.Measuring;

/// <summary>How a configuration did on training data: feasible (no genuine population over the FPR margin), lowest and mean recall, highest FPR. Ordered best last. Immutable.</summary>
public readonly record struct TuningScore(bool Feasible, double MinRecall, double MeanRecall, double MaxFpr) : IComparable<TuningScore>
{
    public int CompareTo(TuningScore other) =>
        Feasible != other.Feasible ? Feasible.CompareTo(other.Feasible)
        : !Feasible ? other.MaxFpr.CompareTo(MaxFpr) // neither feasible: the lower FPR is better
        : MinRecall != other.MinRecall ? MinRecall.CompareTo(other.MinRecall)
        : MeanRecall != other.MeanRecall ? MeanRecall.CompareTo(other.MeanRecall)
        : other.MaxFpr.CompareTo(MaxFpr);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"feasible {Feasible}, min recall {MinRecall:P2}, mean {MeanRecall:P2}, max FPR {MaxFpr:P3}");
}
