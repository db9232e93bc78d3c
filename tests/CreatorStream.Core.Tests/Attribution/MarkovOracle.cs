using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>
/// A brute-force reference for <see cref="MarkovChain"/>: value iteration on its own transition counts,
/// sharing no code with the solver. Starting from x = 0, x ← P x + r rises monotonically to the least solution, which is the
/// absorption probability (0 for states that cannot convert), cycles included.
/// </summary>
internal sealed class MarkovOracle
{
    private const string Start = "(start)";
    private const string Conversion = "(conversion)";
    private const string Null = "(null)";

    private readonly Dictionary<string, Dictionary<string, long>> _counts = [];

    public void Add(IReadOnlyList<string> path, bool converted, long weight = 1)
    {
        if (path.Count == 0)
        {
            return;
        }

        var states = new List<string> { Start };
        states.AddRange(path);
        states.Add(converted ? Conversion : Null);
        for (var i = 0; i + 1 < states.Count; i++)
        {
            var outgoing = _counts.TryGetValue(states[i], out var found) ? found : _counts[states[i]] = [];
            outgoing[states[i + 1]] = outgoing.GetValueOrDefault(states[i + 1]) + weight;
        }
    }

    /// <summary>P(conversion from START), with <paramref name="removed"/> (if any) redirected to NULL.</summary>
    public double ConversionProbability(string? removed = null)
    {
        var x = _counts.Keys.ToDictionary(s => s, _ => 0.0);
        for (var iteration = 0; iteration < 10_000_000; iteration++)
        {
            var change = 0.0;
            foreach (var (state, outgoing) in _counts)
            {
                if (state == removed)
                {
                    continue;
                }

                double total = outgoing.Values.Where(c => c > 0).Sum();
                var value = 0.0;
                foreach (var (to, count) in outgoing)
                {
                    if (count <= 0 || to == Null || to == removed)
                    {
                        continue;
                    }

                    value += count / total * (to == Conversion ? 1 : x.GetValueOrDefault(to));
                }

                change = Math.Max(change, Math.Abs(value - x[state]));
                x[state] = value; // Gauss–Seidel: later states see this sweep's values, which only speeds convergence
            }

            if (change <= 4e-16) // a few ulps: any smaller and rounding can keep it from ever stopping
            {
                return x.GetValueOrDefault(Start);
            }
        }

        throw new InvalidOperationException("Value iteration did not converge.");
    }

    public double RemovalEffect(string creator)
    {
        var full = ConversionProbability();
        return full == 0 ? 0 : 1 - (ConversionProbability(creator) / full);
    }
}
