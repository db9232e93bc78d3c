namespace CreatorStream.Simulation;

/// <summary>
/// Natural viral surges: now and then a live post draws a crowd of genuine users at once (a share, a trending
/// sound). A surge adds sessions on top of the base rate, so the totals spike; sessions stay genuine in every
/// way (impressions first, ordinary accounts, about half of them new to the campaign).
/// Mutable; one per enumeration.
/// </summary>
internal sealed class ViralSurges
{
    /// <summary>Share of genuine sessions that surges add on average; the base rate is lowered to match.</summary>
    public const double Share = 0.15;

    // A surge climbs for two steps and decays over the rest; each step holds its rate for 10 s of event time.
    private const long StepMs = 10_000;
    private const int MinSteps = 8;
    private const int MaxSteps = 17;

    // Peak intensity as a fraction of the base session rate.
    private const double MinPeak = 0.3;
    private const double MaxPeak = 0.8;

    private readonly TrafficSimulation _simulation;
    private readonly double _baseRatePerMs;
    private readonly double _meanGapMs;
    private readonly List<Surge> _active = [];

    public ViralSurges(TrafficSimulation simulation, double baseRatePerMs)
    {
        _simulation = simulation;
        _baseRatePerMs = baseRatePerMs;

        // Sessions a surge adds on average = mean peak × base rate × Σ shape × step; space surges so they add Share.
        var meanShapeSum = 0.0;
        for (var steps = MinSteps; steps < MaxSteps; steps++)
        {
            for (var step = 0; step < steps; step++)
            {
                meanShapeSum += Shape(step, steps) / (MaxSteps - MinSteps);
            }
        }

        _meanGapMs = (MinPeak + MaxPeak) / 2 * meanShapeSum * StepMs / Share;
    }

    /// <summary>Sessions per ms that surges add now.</summary>
    public double RatePerMs { get; private set; }

    public IReadOnlyList<Surge> Active => _active;

    public void Start(long startMs) => ScheduleNext(startMs);

    /// <summary>The surge whose share of the surge rate contains <paramref name="offset"/> (0 ≤ offset &lt; <see cref="RatePerMs"/>).</summary>
    public Surge Pick(double offset)
    {
        foreach (var surge in _active)
        {
            offset -= surge.RatePerMs;
            if (offset < 0)
            {
                return surge;
            }
        }

        return _active[^1];
    }

    private static double Shape(int step, int steps) => step < 2 ? (step + 1) / 3.0 : Math.Exp(-(step - 2) / (steps / 3.0));

    private void ScheduleNext(long after) =>
        _simulation.At(after + (long)_simulation.Random.Exponential(_meanGapMs), () =>
        {
            var rng = _simulation.Random;
            var post = _simulation.Posts.Pick(_simulation.Now);
            var surge = new Surge(post, rng.Uniform(MinPeak, MaxPeak) * _baseRatePerMs, rng.Next(MinSteps, MaxSteps));
            _active.Add(surge);
            _simulation.Log?.Add(new PlantedSurge(
                post.Creator.Campaign.CampaignId,
                post.Creator.CreatorId,
                post.ContentId,
                _simulation.Now,
                _simulation.Now + (surge.Steps * StepMs),
                surge.PeakPerMs * 1_000));
            Advance(surge);
            ScheduleNext(_simulation.Now);
        });

    private void Advance(Surge surge)
    {
        surge.RatePerMs = surge.Step < surge.Steps ? surge.PeakPerMs * Shape(surge.Step, surge.Steps) : 0;
        if (surge.Step++ < surge.Steps)
        {
            _simulation.At(_simulation.Now + StepMs, () => Advance(surge));
        }
        else
        {
            _active.Remove(surge);
        }

        RatePerMs = _active.Sum(s => s.RatePerMs);
        _simulation.RateChanged();
    }
}
