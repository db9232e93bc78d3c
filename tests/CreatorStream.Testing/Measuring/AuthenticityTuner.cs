using CreatorStream.Core.Authenticity;
using CreatorStream.Simulation;
using CreatorStream.Testing.Adversaries;

namespace CreatorStream.Testing.Measuring;

/// <summary>
/// The tuning half of the evaluation protocol (docs/decisions/0012): a coordinate search over <see cref="Knob.GroupSignals"/>
/// on training data only, the adversary generator's training seeds (<see cref="TrainingSeeds"/>) and the main generator's
/// (<see cref="MainTrainingSeeds"/>); the held-out seeds are never run here. A configuration is feasible when no genuine
/// population of the goal (each hard-negative family, all genuine engagement of the adversary scenarios, the main
/// generator's genuine traffic) is flagged above <see cref="MaxTrainingFpr"/> (a margin under the 0.5 % goal); among feasible ones the
/// best raises the lowest recall of the fake families it is shown, then the mean. Leave-one-family-out tuning passes a
/// family to leave out: its events are not planted, so nothing in the choice can have been fitted to it. Deterministic;
/// stateless apart from its progress callback.
/// </summary>
public sealed class AuthenticityTuner(Action<string>? progress = null)
{
    public static IReadOnlyList<int> TrainingSeeds { get; } = [1, 2, 3, 4, 5, 6];

    public static IReadOnlyList<int> MainTrainingSeeds { get; } = [1, 2];

    /// <summary>Held out of tuning: the seeds the tests measure on.</summary>
    public static IReadOnlyList<int> HeldOutSeeds { get; } = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110];

    public static IReadOnlyList<int> MainHeldOutSeeds { get; } = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    public const double MaxTrainingFpr = 0.004;

    /// <summary>Tunes from the defaults, leaving <paramref name="leftOut"/> (a fake family) out of the training scenarios when given.</summary>
    public Dictionary<string, double> Tune(AdversaryFamily? leftOut = null)
    {
        var values = Knob.Read(AuthenticityOptions.Default);
        var best = Score(values, leftOut);
        for (var pass = 0; pass < 2; pass++)
        {
            var changed = false;
            foreach (var knob in Knob.GroupSignals)
            {
                var candidates = knob.Values.Where(v => v != values[knob.Name]).ToList();
                var scores = new (double Value, TuningScore Score)[candidates.Count];
                Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var trial = new Dictionary<string, double>(values) { [knob.Name] = candidates[i] };
                    scores[i] = (candidates[i], Score(trial, leftOut));
                });

                foreach (var (value, score) in scores)
                {
                    if (score.CompareTo(best) > 0)
                    {
                        best = score;
                        values[knob.Name] = value;
                        changed = true;
                    }
                }

                progress?.Invoke($"{(leftOut is { } f ? $"without {f}" : "all families")}: {knob.Name} = {values[knob.Name]} ({best})");
            }

            if (!changed)
            {
                break;
            }
        }

        return values;
    }

    /// <summary>The score of one configuration on the training data.</summary>
    public static TuningScore Score(IReadOnlyDictionary<string, double> values, AdversaryFamily? leftOut)
    {
        var options = Knob.Apply(AuthenticityOptions.Default, values);
        var families = leftOut is { } f ? [.. AdversaryFamilies.Fakes.Except([f]), .. AdversaryFamilies.HardNegatives] : new AdversaryOptions().Families;
        var runs = TrainingSeeds.Select(seed => AdversaryRun.Run(seed, options, new AdversaryOptions { Families = families })).ToList();
        var recalls = families.Where(AdversaryFamilies.IsFake).Select(family => Pooled(runs, family)).ToList();
        // The goal's genuine populations: each hard-negative family, and all genuine engagement together (the background
        // alone is not one: what a fake's group sweeps in beside it is counted in the whole).
        var fprs = AdversaryFamilies.HardNegatives.Select(family => Pooled(runs, family)).ToList();
        var genuine = runs.SelectMany(r => r.ByFamily.Where(f => !AdversaryFamilies.IsFake(f.Key)).Select(f => f.Value)).ToList();
        fprs.Add((double)genuine.Sum(g => g.Flagged) / Math.Max(1, genuine.Sum(g => g.All)));
        // The main generator at both of its paces: 25 compressed minutes, and half a day at a real creator's pace (a post
        // every few hours: posts are busier when fakes arrive, so a share-of-the-window threshold that suits the compressed
        // pace can miss there; the first tuning, without this run, chose one that did, caught on the held-out seeds).
        foreach (var seed in MainTrainingSeeds)
        {
            foreach (var main in new[] { GeneratorMeasurement.Run(seed, options: options), GeneratorMeasurement.Run(RealPace(seed), options) })
            {
                recalls.AddRange(FakeLabels.All.Select(main.Recall));
                fprs.Add(main.GenuineFpr);
            }
        }

        return new TuningScore(fprs.Max() <= MaxTrainingFpr, recalls.Min(), recalls.Average(), fprs.Max());
    }

    /// <summary>The main generator at a real creator's posting pace: 10 events a second, a post every few hours, half a day.</summary>
    public static GeneratorOptions RealPace(int seed, long events = 432_000) =>
        new() { Seed = seed, StartMs = GeneratorMeasurement.StartMs, EventsPerSecond = 10, MaxEvents = events, PostCycle = TimeSpan.FromHours(9) };

    private static double Pooled(List<AdversaryRun> runs, AdversaryFamily family)
    {
        var all = runs.Sum(r => r.ByFamily.GetValueOrDefault(family).All);
        return all == 0 ? 0 : (double)runs.Sum(r => r.ByFamily.GetValueOrDefault(family).Flagged) / all;
    }
}
