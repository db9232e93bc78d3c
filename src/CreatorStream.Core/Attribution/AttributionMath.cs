using System.Runtime.InteropServices;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// The touchpoint attribution models of docs/design.md, "Attribution", as shares of one conversion over a normalized journey
/// (from <see cref="Journey.Build"/>). Stateless; thread-safe.
/// </summary>
/// <remarks>
/// Every model returns one <see cref="Credit"/> per credited touchpoint, in journey order; the shares sum to 1 within
/// floating-point error. An empty journey gets no credit (an empty list): the conversion is unattributed under that model.
/// First and last touch return one credit; the other models return one per touchpoint, so a creator at two (non-merged)
/// positions has two credits. All models are O(n) for n touchpoints (data-driven O(n) expected, via hashing).
/// </remarks>
public static class AttributionMath
{
    /// <summary>Position-based share of the first and of the last touchpoint when there are three or more.</summary>
    public const double PositionBasedEndShare = 0.4;

    /// <summary>T1 gets everything.</summary>
    public static IReadOnlyList<Credit> FirstTouch(IReadOnlyList<Touchpoint> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey.Count == 0 ? [] : [Credit.Of(journey[0], 1)];
    }

    /// <summary>Tn gets everything.</summary>
    public static IReadOnlyList<Credit> LastTouch(IReadOnlyList<Touchpoint> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey.Count == 0 ? [] : [Credit.Of(journey[^1], 1)];
    }

    /// <summary>Each of the n touchpoints gets 1/n.</summary>
    public static IReadOnlyList<Credit> Linear(IReadOnlyList<Touchpoint> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var credits = new Credit[journey.Count];
        for (var i = 0; i < credits.Length; i++)
        {
            credits[i] = Credit.Of(journey[i], LinearShare(credits.Length));
        }

        return credits;
    }

    /// <summary>Linear's share of each of <paramref name="n"/> touchpoints: 1/n (what a kept order computes again, bit for bit).</summary>
    public static double LinearShare(int n) => 1.0 / n;

    /// <summary>
    /// Touchpoint i weighs <c>2^(−(conversionTs − ts_i) / halfLife)</c>; shares are the weights normalised to sum to 1.
    /// </summary>
    /// <remarks>
    /// The weights are computed relative to the newest touchpoint, <c>2^(−(ts_max − ts_i) / halfLife)</c>, which
    /// differs from the definition by the common factor <c>2^(−(conversionTs − ts_max) / halfLife)</c> and so gives
    /// the same shares, but cannot underflow to all-zero weights when every touchpoint is many half-lives old: the
    /// newest weighs exactly 1. Equal timestamps therefore give exactly the linear shares.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfLife"/> is not positive.</exception>
    public static IReadOnlyList<Credit> TimeDecay(IReadOnlyList<Touchpoint> journey, long conversionTs, TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _ = conversionTs; // cancels out in the normalisation; kept so the call reads like the definition
        var shares = new double[journey.Count];
        TimeDecayShares(journey, halfLife, shares);
        return CreditsOf(journey, shares);
    }

    /// <summary>
    /// <see cref="TimeDecay"/>'s shares, in journey order, written into <paramref name="shares"/> (at least as long as the
    /// journey): what a caller that keeps only the shares needs, without a credit list (docs/design.md, "Per-event cost").
    /// </summary>
    public static void TimeDecayShares(IReadOnlyList<Touchpoint> journey, TimeSpan halfLife, Span<double> shares)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(shares.Length, journey.Count, nameof(shares));
        var n = journey.Count;
        var newest = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            newest = Math.Max(newest, journey[i].Ts);
        }

        var halfLifeMs = halfLife.TotalMilliseconds;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            // (double)(newest − ts) is exact for any age under 2^53 ms (285,000 years).
            shares[i] = Math.Pow(2, -((double)(newest - journey[i].Ts) / halfLifeMs));
            total += shares[i];
        }

        for (var i = 0; i < n; i++)
        {
            shares[i] /= total;
        }
    }

    /// <summary>
    /// n = 1: 100%; n = 2: 50/50; n ≥ 3: 40% to the first, 40% to the last and 20% split evenly over the n − 2 middle ones.
    /// </summary>
    public static IReadOnlyList<Credit> PositionBased(IReadOnlyList<Touchpoint> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var n = journey.Count;
        var credits = new Credit[n];
        for (var i = 0; i < n; i++)
        {
            credits[i] = Credit.Of(journey[i], PositionBasedShare(i, n));
        }

        return credits;
    }

    /// <summary>Position-based share of touchpoint <paramref name="i"/> (from 0) of <paramref name="n"/>.</summary>
    public static double PositionBasedShare(int i, int n) =>
        n <= 2 ? LinearShare(n)
        : i == 0 || i == n - 1 ? PositionBasedEndShare
        : (1 - (2 * PositionBasedEndShare)) / (n - 2);

    /// <summary>
    /// Data-driven: each distinct creator of the journey gets credit in proportion to its removal effect
    /// (<see cref="MarkovChain.RemovalEffects"/>) among the creators of this journey. A creator at several positions
    /// splits its creator-level credit equally among those touchpoints (the chain is over creators, so it has nothing to
    /// say about which of a creator's touchpoints mattered more).
    /// </summary>
    /// <remarks>
    /// A creator missing from <paramref name="removalEffects"/>, or whose effect is negative, NaN or infinite, counts as 0.
    /// When every creator of the journey counts as 0 the conversion falls back to <see cref="Linear"/>. Falling back to
    /// linear below <c>data_driven_min_conversions</c> (docs/design.md, "Attribution") is the caller's decision, made on
    /// <see cref="MarkovChain.Conversions"/>.
    /// </remarks>
    public static IReadOnlyList<Credit> DataDriven(IReadOnlyList<Touchpoint> journey, IReadOnlyDictionary<string, double> removalEffects)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(removalEffects);
        var shares = new double[journey.Count];
        DataDrivenShares(journey, removalEffects, shares, new(StringComparer.Ordinal));
        return CreditsOf(journey, shares);
    }

    /// <summary>
    /// <see cref="DataDriven"/>'s shares (linear's when it falls back), in journey order, written into
    /// <paramref name="shares"/> (at least as long as the journey). <paramref name="creators"/> is scratch, emptied first:
    /// per distinct creator, its usable removal effect and how many touchpoints share it.
    /// </summary>
    public static void DataDrivenShares(
        IReadOnlyList<Touchpoint> journey, IReadOnlyDictionary<string, double> removalEffects, Span<double> shares, Dictionary<string, (double Effect, int Touchpoints)> creators)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(removalEffects);
        ArgumentNullException.ThrowIfNull(creators);
        ArgumentOutOfRangeException.ThrowIfLessThan(shares.Length, journey.Count, nameof(shares));
        creators.Clear();
        var n = journey.Count;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var creatorId = journey[i].CreatorId;
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(creators, creatorId, out var exists);
            if (exists)
            {
                seen.Touchpoints++;
                continue;
            }

            var effect = removalEffects.TryGetValue(creatorId, out var value) && double.IsFinite(value) && value > 0 ? value : 0;
            seen = (effect, 1);
            total += effect;
        }

        if (total <= 0)
        {
            LinearShares(shares[..n]);
            return;
        }

        for (var i = 0; i < n; i++)
        {
            var (effect, touchpoints) = creators[journey[i].CreatorId];
            shares[i] = effect / total / touchpoints;
        }
    }

    /// <summary>Linear's share in every place of <paramref name="shares"/> (one place a touchpoint).</summary>
    public static void LinearShares(Span<double> shares) => shares.Fill(LinearShare(shares.Length));

    private static Credit[] CreditsOf(IReadOnlyList<Touchpoint> journey, double[] shares)
    {
        var credits = new Credit[shares.Length];
        for (var i = 0; i < credits.Length; i++)
        {
            credits[i] = Credit.Of(journey[i], shares[i]);
        }

        return credits;
    }

    /// <summary>
    /// The shares under one touchpoint model, by its wire name (<see cref="AttributionModels"/>).
    /// <paramref name="conversionTs"/> and <paramref name="halfLife"/> are used by <c>time_decay</c> only,
    /// <paramref name="removalEffects"/> by <c>data_driven</c> only (and required there).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="model"/> is <c>direct</c> (not a journey model: it credits by promo code or link) or unknown, or it is
    /// <c>data_driven</c> and <paramref name="removalEffects"/> is null.
    /// </exception>
    public static IReadOnlyList<Credit> ForModel(
        string model,
        IReadOnlyList<Touchpoint> journey,
        long conversionTs,
        TimeSpan halfLife,
        IReadOnlyDictionary<string, double>? removalEffects = null) => model switch
        {
            AttributionModels.FirstTouch => FirstTouch(journey),
            AttributionModels.LastTouch => LastTouch(journey),
            AttributionModels.Linear => Linear(journey),
            AttributionModels.TimeDecay => TimeDecay(journey, conversionTs, halfLife),
            AttributionModels.PositionBased => PositionBased(journey),
            AttributionModels.DataDriven => DataDriven(
                journey,
                removalEffects ?? throw new ArgumentException("data_driven needs the campaign's removal effects.", nameof(removalEffects))),
            AttributionModels.Direct => throw new ArgumentException(
                "direct is not a journey model: it credits the creator owning the promo code or link.", nameof(model)),
            _ => throw new ArgumentException($"Unknown attribution model '{model}'.", nameof(model)),
        };
}
