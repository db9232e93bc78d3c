namespace CreatorStream.Core.Estimates;

/// <summary>One hour of a brand's traffic that no tracked link explains (docs/design.md, "Estimates", halo).</summary>
public struct HourTraffic
{
    /// <summary>Site sessions that joined no creator's click, from sources a creator can move (not paid, email or coupon sites).</summary>
    public long Sessions;

    /// <summary>Orders no model credits, their value and the sum of its squares (for the revenue's variance).</summary>
    public long Conversions;

    public double Revenue;

    public double RevenueSquares;
}

/// <summary>A post's exposure for the halo: when it went out, and its impressions per hour of its window.</summary>
public sealed class PostExposure(string campaignId, string creatorId, string contentId, long start, int windowHours)
{
    public string CampaignId { get; } = campaignId;
    public string CreatorId { get; } = creatorId;
    public string ContentId { get; } = contentId;

    /// <summary>When it was published (its report's time, else its first impression's), ms.</summary>
    public long Start { get; private set; } = start;

    /// <summary>Impressions in each hour of the window, from the hour of <see cref="Start"/>.</summary>
    public long[] Hourly { get; private set; } = new long[windowHours];

    public long StartHour => Start / HaloEstimator.HourMs;

    /// <summary>Counts an impression in its hour of the window (none outside it).</summary>
    public void Impression(long ts)
    {
        var index = (ts / HaloEstimator.HourMs) - StartHour;
        if (index >= 0 && index < Hourly.Length)
        {
            Hourly[index]++;
        }
    }

    /// <summary>An earlier publication time than known (a post report after its first impressions): the hours shift with it.</summary>
    public void StartedAt(long start)
    {
        if (start >= Start)
        {
            return;
        }

        var shift = StartHour - (start / HaloEstimator.HourMs);
        var hourly = new long[Hourly.Length];
        for (var i = 0; i + shift < hourly.Length; i++)
        {
            hourly[i + shift] = Hourly[i];
        }

        Start = start;
        Hourly = hourly;
    }

    public void Restore(long[] hourly) => Hourly = hourly;
}

/// <summary>
/// Traffic-pattern attribution (docs/design.md, "Estimates", halo; decision 0026). The baseline of a brand's untracked
/// sessions is a multiplicative day-of-week × hour-of-day profile fitted (Poisson, shrunk towards flat) on the hours no
/// post's window covers, so the campaign's own posts never raise the baseline they are judged against. Unattributed
/// orders and revenue follow the sessions' profile at their own rate per baseline session. The excess of each covered
/// hour is shared among the posts active then, by each post's impressions so far times its decay since publication.
/// Variances: Poisson noise of the baseline traffic in the windows, widened by the measured over-dispersion, plus the
/// baseline's own uncertainty (a parametric bootstrap of the fit with a fixed seed, so the result is deterministic).
/// Pure; thread-safe.
/// </summary>
public static class HaloEstimator
{
    public const long HourMs = 3_600_000;

    /// <summary>Fewest baseline hours (three days) and sessions before the halo is estimated at all.</summary>
    public const int MinBaselineHours = 72;

    public const long MinBaselineSessions = 30;

    /// <summary>Fewest baseline orders before orders and revenue are estimated.</summary>
    public const long MinBaselineConversions = 5;

    /// <summary>Pseudo-hours at the overall rate that pull each day and hour factor towards flat (a thin profile stays flat).</summary>
    private const double Shrinkage = 5;

    private const int BootstrapRounds = 100;
    private const int Cells = 7 * 24;

    public const string MethodText =
        "Baseline: day-of-week x hour-of-day Poisson profile of untracked sessions fitted on hours outside every post's window; "
        + "unattributed orders and revenue at their baseline rate per session. Halo: the excess in the windows, shared each hour "
        + "among the posts active then by impressions so far x decay. 90% normal intervals: baseline noise x over-dispersion + bootstrap of the fit.";

    /// <summary>A campaign's window and decay.</summary>
    public readonly record struct Settings(int WindowHours, double HalfLifeHours);

    /// <summary>
    /// The halo of each campaign in <paramref name="campaigns"/> over hours <paramref name="firstHour"/> to
    /// <paramref name="throughHour"/> (hours since the epoch, inclusive), from the brand's hourly traffic and posts.
    /// </summary>
    public static Dictionary<string, HaloEstimate> Estimate(
        IReadOnlyDictionary<long, HourTraffic> traffic,
        IReadOnlyList<PostExposure> posts,
        IReadOnlyDictionary<string, Settings> campaigns,
        long firstHour,
        long throughHour)
    {
        var n = (int)Math.Max(0, throughHour - firstHour + 1);
        var hours = new HourTraffic[n];
        foreach (var (hour, cell) in traffic)
        {
            if (hour >= firstHour && hour <= throughHour)
            {
                hours[hour - firstHour] = cell;
            }
        }

        // Each hour's active posts and their pull: impressions so far times the decay since publication.
        var active = new List<(int Post, double Pull)>[n];
        for (var p = 0; p < posts.Count; p++)
        {
            var post = posts[p];
            var settings = campaigns.GetValueOrDefault(post.CampaignId, new Settings(72, 24));
            long seen = 0;
            for (var k = 0; k < post.Hourly.Length; k++)
            {
                seen += post.Hourly[k];
                var index = post.StartHour + k - firstHour;
                if (index < 0 || index >= n)
                {
                    continue;
                }

                var age = (((post.StartHour + k) * (double)HourMs) + (HourMs / 2.0) - post.Start) / HourMs;
                (active[index] ??= []).Add((p, seen * Math.Pow(2, -Math.Max(age, 0) / settings.HalfLifeHours)));
            }
        }

        var fit = Fit(hours, active, firstHour);
        var result = new Dictionary<string, HaloEstimate>(StringComparer.Ordinal);
        foreach (var (campaignId, settings) in campaigns)
        {
            result[campaignId] = ForCampaign(campaignId, settings, posts, hours, active, firstHour, fit);
        }

        return result;
    }

    private sealed record Baseline(
        double[] Rate, int QuietHours, long QuietSessions, long QuietConversions, double QuietRevenue, double QuietRevenueSquares,
        double Dispersion, double[][] Bootstrap, long WindowSessions, long WindowConversions, double WindowRevenue);

    private static Baseline Fit(HourTraffic[] hours, List<(int Post, double Pull)>[] active, long firstHour)
    {
        var exposure = new double[Cells];
        var counts = new double[Cells];
        int quiet = 0;
        long quietConversions = 0, windowSessions = 0, windowConversions = 0;
        double quietRevenue = 0, quietSquares = 0, windowRevenue = 0;
        for (var i = 0; i < hours.Length; i++)
        {
            if (active[i] is not null)
            {
                windowSessions += hours[i].Sessions;
                windowConversions += hours[i].Conversions;
                windowRevenue += hours[i].Revenue;
                continue;
            }

            var cell = CellOf(firstHour + i);
            quiet++;
            exposure[cell]++;
            counts[cell] += hours[i].Sessions;
            quietConversions += hours[i].Conversions;
            quietRevenue += hours[i].Revenue;
            quietSquares += hours[i].RevenueSquares;
        }

        var rate = Profile(exposure, counts);
        double pearson = 0;
        for (var i = 0; i < hours.Length; i++)
        {
            if (active[i] is null && rate[CellOf(firstHour + i)] is var mean && mean > 0)
            {
                var residual = hours[i].Sessions - mean;
                pearson += residual * residual / mean;
            }
        }

        var dispersion = Math.Max(1, pearson / Math.Max(1, quiet - 31));
        var random = new Random(20261125);
        var bootstrap = new double[BootstrapRounds][];
        var resampled = new double[Cells];
        for (var round = 0; round < BootstrapRounds; round++)
        {
            for (var c = 0; c < Cells; c++)
            {
                resampled[c] = Poisson(random, exposure[c] * rate[c]);
            }

            bootstrap[round] = Profile(exposure, resampled);
        }

        return new Baseline(rate, quiet, (long)counts.Sum(), quietConversions, quietRevenue, quietSquares, dispersion, bootstrap, windowSessions, windowConversions, windowRevenue);
    }

    /// <summary>
    /// The rate per hour of each day-of-week × hour-of-day cell: the overall rate times a day factor times an hour factor,
    /// fitted by alternating the two (the Poisson maximum of a main-effects model), each factor with a gamma prior of
    /// <see cref="Shrinkage"/> pseudo-hours at 1.
    /// </summary>
    private static double[] Profile(double[] exposure, double[] counts)
    {
        var total = counts.Sum();
        var hoursSeen = exposure.Sum();
        var overall = hoursSeen > 0 ? total / hoursSeen : 0;
        var day = new double[7];
        var hour = new double[24];
        Array.Fill(day, 1.0);
        Array.Fill(hour, 1.0);
        for (var iteration = 0; iteration < 30; iteration++)
        {
            for (var d = 0; d < 7; d++)
            {
                double y = 0, expected = 0;
                for (var h = 0; h < 24; h++)
                {
                    y += counts[(d * 24) + h];
                    expected += exposure[(d * 24) + h] * overall * hour[h];
                }

                day[d] = (y + (Shrinkage * overall)) / (expected + (Shrinkage * overall)) is var f && double.IsFinite(f) ? f : 1;
            }

            for (var h = 0; h < 24; h++)
            {
                double y = 0, expected = 0;
                for (var d = 0; d < 7; d++)
                {
                    y += counts[(d * 24) + h];
                    expected += exposure[(d * 24) + h] * overall * day[d];
                }

                hour[h] = (y + (Shrinkage * overall)) / (expected + (Shrinkage * overall)) is var f && double.IsFinite(f) ? f : 1;
            }
        }

        var rate = new double[Cells];
        for (var c = 0; c < Cells; c++)
        {
            rate[c] = overall * day[c / 24] * hour[c % 24];
        }

        return rate;
    }

    /// <summary>Day of week (0 is the epoch's Thursday; any fixed origin serves) × 24 + hour of day, UTC.</summary>
    private static int CellOf(long hour) => (int)(((hour / 24) % 7) * 24) + (int)(hour % 24);

    private static HaloEstimate ForCampaign(
        string campaignId, Settings settings, IReadOnlyList<PostExposure> posts, HourTraffic[] hours, List<(int Post, double Pull)>[] active, long firstHour, Baseline fit)
    {
        var estimate = new HaloEstimate
        {
            Status = "estimated",
            Method = MethodText,
            WindowHours = settings.WindowHours,
            HalfLifeHours = settings.HalfLifeHours,
            BaselineHours = fit.QuietHours,
            BaselineSessions = fit.QuietSessions,
            BaselineConversions = fit.QuietConversions,
            Dispersion = fit.Dispersion,
            WindowSessions = fit.WindowSessions,
            WindowConversions = fit.WindowConversions,
            WindowRevenue = fit.WindowRevenue,
            Campaign = HaloFigures.None,
            Creators = [],
            Posts = [],
        };
        // A post counts once it went out within the hours read (one published later has no window in them yet).
        var through = firstHour + hours.Length - 1;
        var own = Enumerable.Range(0, posts.Count).Where(p => posts[p].CampaignId == campaignId && posts[p].StartHour <= through).ToList();
        long Seen(PostExposure post) => post.Hourly.Take((int)Math.Clamp(through - post.StartHour + 1, 0, post.Hourly.Length)).Sum();
        if (fit.QuietHours < MinBaselineHours || fit.QuietSessions < MinBaselineSessions)
        {
            return estimate with
            {
                Status = "not_enough_data",
                Reason = $"the baseline needs {MinBaselineHours} hours outside every post's window with {MinBaselineSessions} untracked sessions; it has {fit.QuietHours} hours with {fit.QuietSessions}",
                Posts = [.. own.Select(p => new HaloPost(posts[p].CreatorId, posts[p].ContentId, posts[p].Start, Seen(posts[p]), HaloFigures.None))],
            };
        }

        var campaign = new Accumulator();
        var creators = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        var byPost = own.ToDictionary(p => p, _ => new Accumulator());
        var creatorWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < hours.Length; i++)
        {
            if (active[i] is not { } here)
            {
                continue;
            }

            var pulls = here.Sum(a => a.Pull);
            double campaignWeight = 0;
            creatorWeights.Clear();
            foreach (var (post, pull) in here)
            {
                if (posts[post].CampaignId != campaignId)
                {
                    continue;
                }

                var weight = pulls > 0 ? pull / pulls : 1.0 / here.Count;
                byPost[post].Add(weight, hours[i], fit, CellOf(firstHour + i));
                campaignWeight += weight;
                creatorWeights[posts[post].CreatorId] = creatorWeights.GetValueOrDefault(posts[post].CreatorId) + weight;
            }

            if (campaignWeight == 0)
            {
                continue;
            }

            campaign.Add(campaignWeight, hours[i], fit, CellOf(firstHour + i));
            foreach (var (creatorId, weight) in creatorWeights)
            {
                if (!creators.TryGetValue(creatorId, out var creator))
                {
                    creators[creatorId] = creator = new Accumulator();
                }

                creator.Add(weight, hours[i], fit, CellOf(firstHour + i));
            }
        }

        return estimate with
        {
            Reason = fit.QuietConversions < MinBaselineConversions
                ? $"orders and revenue need {MinBaselineConversions} unattributed orders in the baseline hours; there are {fit.QuietConversions}"
                : null,
            Campaign = campaign.Figures(fit),
            Creators = creators.ToDictionary(c => c.Key, c => c.Value.Figures(fit), StringComparer.Ordinal),
            Posts = [.. own.Select(p => new HaloPost(posts[p].CreatorId, posts[p].ContentId, posts[p].Start, Seen(posts[p]), byPost[p].Figures(fit)))],
        };
    }

    /// <summary>One scope's weighted sums over the covered hours, from which its figures and their variances follow.</summary>
    private sealed class Accumulator
    {
        private readonly double[] _cellWeights = new double[Cells];
        private double _sessions, _baseline, _baselineSquared, _conversions, _revenue;

        public void Add(double weight, HourTraffic hour, Baseline fit, int cell)
        {
            var rate = fit.Rate[cell];
            _sessions += weight * hour.Sessions;
            _baseline += weight * rate;
            _baselineSquared += weight * weight * rate;
            _conversions += weight * hour.Conversions;
            _revenue += weight * hour.Revenue;
            _cellWeights[cell] += weight;
        }

        public HaloFigures Figures(Baseline fit)
        {
            // The baseline's own uncertainty, from the bootstrap's spread of this scope's expected sessions.
            double sum = 0, sumSquares = 0;
            foreach (var rates in fit.Bootstrap)
            {
                double expected = 0;
                for (var c = 0; c < Cells; c++)
                {
                    expected += _cellWeights[c] * rates[c];
                }

                sum += expected;
                sumSquares += expected * expected;
            }

            var rounds = fit.Bootstrap.Length;
            var fitVariance = Math.Max(0, (sumSquares - (sum * sum / rounds)) / (rounds - 1));
            var sessions = Interval.Normal(_sessions - _baseline, fit.Dispersion * (_baselineSquared + fitVariance));
            if (fit.QuietConversions < MinBaselineConversions)
            {
                return new HaloFigures(NonNegative(sessions), null, null);
            }

            // Orders and revenue per baseline session, from the baseline hours (whose fitted sessions sum to those observed).
            var quietSessions = Math.Max(fit.QuietSessions, 1);
            var perSession = (double)fit.QuietConversions / quietSessions;
            var revenuePerSession = fit.QuietRevenue / quietSessions;
            var meanSquare = fit.QuietRevenueSquares / fit.QuietConversions;
            var expectedConversions = perSession * _baseline;
            var conversions = Interval.Normal(
                _conversions - expectedConversions,
                (perSession * _baselineSquared) + (expectedConversions * expectedConversions / fit.QuietConversions));
            var expectedRevenue = revenuePerSession * _baseline;
            var revenue = Interval.Normal(
                _revenue - expectedRevenue,
                (perSession * _baselineSquared * meanSquare)
                + (fit.QuietRevenue > 0 ? expectedRevenue * expectedRevenue * fit.QuietConversions * meanSquare / (fit.QuietRevenue * fit.QuietRevenue) : 0));
            return new HaloFigures(NonNegative(sessions), NonNegative(conversions), NonNegative(revenue));
        }
    }

    /// <summary>A halo is never below zero: the estimate and its bounds are cut at zero (an interval that covered the truth still does).</summary>
    private static Interval NonNegative(Interval interval) =>
        new(Math.Max(0, interval.Estimate), Math.Max(0, interval.Low), Math.Max(0, interval.High));

    /// <summary>A Poisson draw: by multiplication for small means, the normal approximation above 30.</summary>
    private static double Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * normal)));
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }
}
