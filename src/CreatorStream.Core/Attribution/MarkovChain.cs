using System.Collections.ObjectModel;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// The first-order Markov chain over creators behind the data-driven model (docs/design.md, "Attribution"): states START, one per
/// creator id, and the absorbing CONVERSION and NULL; transition probabilities are the observed transition counts of the
/// campaign's journeys, converting and not, normalised per state. Mutable while built; not thread-safe (a caller sharing
/// one across threads must lock, reads included: they fill a cache).
/// </summary>
/// <remarks>
/// <para>
/// Conversion probabilities are exact up to floating-point rounding: with x_s the probability of reaching CONVERSION from
/// state s, x = (I − Q)⁻¹ r over the transient states, where Q holds the creator-to-creator probabilities and r the
/// one-step conversion probabilities. Cycles (A → B → A) are fine: I − Q is invertible once states that cannot reach
/// CONVERSION (x = 0 there; this also covers any closed cycle left by removing paths) are treated as NULL.
/// </para>
/// <para>
/// Removal effects come from the same inverse N = (I − Q)⁻¹ rather than one solve per creator: by the strong Markov
/// property, P(conversion) = P(conversion avoiding c) + h(c)·x_c, where h(c) = N[START, c] / N[c, c] is the probability of
/// ever visiting c. Redirecting c to NULL loses exactly the second term, so its removal effect is
/// h(c)·x_c / P(conversion).
/// </para>
/// <para>
/// Cost: <see cref="Add"/> is O(path length). The first <see cref="ConversionProbability"/> or
/// <see cref="RemovalEffects"/> after a change is O(n³) time and O(n²) memory for n creators (one Gauss–Jordan inversion:
/// 1.4 MiB and, measured on a 2-core VM with a dense chain, about 15–30 ms for 300 creators and 110 ms for 500). The
/// result is cached until the next change, so a caller attributing many conversions should read once per batch of
/// changes (e.g. per micro-batch or watermark advance), not after every single <see cref="Add"/>.
/// </para>
/// </remarks>
public sealed class MarkovChain
{
    private const int Start = 0;
    private const int ConversionState = -1;
    private const int NullState = -2;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _creators = [];

    // Outgoing transition counts per transient state: index 0 is START, creator k (0-based) is state k + 1.
    private readonly List<Dictionary<int, long>> _outgoing = [[]];
    private readonly Dictionary<(int From, int To), long> _tally = [];
    private AbsorbingChainSolution? _solution;

    /// <summary>Total weight of the converting journeys added (removals subtract).</summary>
    public long Conversions { get; private set; }

    /// <summary>How many distinct creators were ever added.</summary>
    public int CreatorCount => _creators.Count;

    /// <summary>
    /// Adds one journey: the creator ids of a normalized journey in order, ending in a conversion or not (NULL). Counts the
    /// transitions START → c1 → … → cn → CONVERSION|NULL, each <paramref name="weight"/> times. An empty path is ignored.
    /// A negative weight removes a path added before (e.g. −1 for a journey first added as not converting that later
    /// converted); the change is all or nothing.
    /// </summary>
    /// <remarks>
    /// Paths are expected merged (no two consecutive creators equal); a repeated creator makes a self-loop, which delays a
    /// journey but changes neither conversion probabilities nor removal effects.
    /// </remarks>
    /// <exception cref="ArgumentException">A creator id is null, or the removal would take a count below zero.</exception>
    public void Add(IReadOnlyList<string> creators, bool converted, long weight = 1)
    {
        ArgumentNullException.ThrowIfNull(creators);
        if (creators.Count == 0 || weight == 0)
        {
            return;
        }

        // Indexed loops: a foreach over the interface would box the list's enumerator on every touch.
        for (var i = 0; i < creators.Count; i++)
        {
            if (creators[i] is null)
            {
                throw new ArgumentException("A creator id is null.", nameof(creators));
            }
        }

        if (weight < 0)
        {
            CheckRemovable(creators, converted, weight);
        }

        var from = Start;
        for (var i = 0; i < creators.Count; i++)
        {
            var to = StateOf(creators[i]);
            Count(from, to, weight);
            from = to;
        }

        Count(from, converted ? ConversionState : NullState, weight);
        if (converted)
        {
            Conversions += weight;
        }

        _solution = null;
    }

    /// <summary>
    /// A path that has not converted grows by <paramref name="next"/>: the same counts as adding <paramref name="path"/>
    /// with weight −1 and then the longer path with weight 1, in constant time instead of twice the path's length (an
    /// open path moves in the chain on every touch). Only its end changes: its last state no longer leads to NULL but to
    /// <paramref name="next"/>, which does. The solution depends on the counts alone, not on the order they were made in.
    /// </summary>
    /// <param name="path">The path as it was added, not converted (empty: a path that starts now).</param>
    /// <param name="next">The creator the path moves to.</param>
    /// <exception cref="ArgumentException">The path was not added (its end does not lead to NULL), or an id is null.</exception>
    public void Extend(IReadOnlyList<string> path, string next)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(next);
        var from = Start;
        if (path.Count > 0)
        {
            if (path[^1] is not { } last || !_index.TryGetValue(last, out from) || _outgoing[from].GetValueOrDefault(NullState) < 1)
            {
                throw new ArgumentException("Extending a path that was not added: a transition count would go below zero.", nameof(path));
            }

            Count(from, NullState, -1);
        }

        var to = StateOf(next);
        Count(from, to, 1);
        Count(to, NullState, 1);
        _solution = null;
    }

    /// <summary>
    /// <see cref="Extend(IReadOnlyList{string}, string)"/> by states, for a caller that keeps each open path's last state
    /// (an open path moves on every touch, and two lookups by creator id were most of the move's cost): the path's last
    /// state, or <see cref="StartState"/> for a path that starts now, moves to <paramref name="next"/> (from <see cref="StateOf"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The path was not added (its end does not lead to NULL).</exception>
    internal void Extend(int last, int next)
    {
        if (last != Start && (last < 0 || last >= _outgoing.Count || _outgoing[last].GetValueOrDefault(NullState) < 1))
        {
            throw new ArgumentException("Extending a path that was not added: a transition count would go below zero.", nameof(last));
        }

        if (next < 1 || next >= _outgoing.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(next), next, $"not a creator's state (1 to {_outgoing.Count - 1})");
        }

        if (last != Start)
        {
            Count(last, NullState, -1);
        }

        Count(last, next, 1);
        Count(next, NullState, 1);
        _solution = null;
    }

    /// <summary>The state a path that has not started yet is in.</summary>
    internal const int StartState = Start;

    /// <summary>P(reach CONVERSION from START) in the full chain; 0 for an empty chain.</summary>
    public double ConversionProbability() => Solve().ConversionProbability;

    /// <summary>
    /// The removal effect of every creator added so far: 1 − P(conversion with that creator's state redirected to NULL)
    /// / P(conversion), in [0, 1]. All 0 when P(conversion) = 0. The dictionary is read-only and is not changed by later
    /// calls to <see cref="Add"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double> RemovalEffects() => Solve().RemovalEffects;

    /// <summary>The state of <paramref name="creator"/> (1 or more), made now if the creator is new to the chain.</summary>
    internal int StateOf(string creator)
    {
        if (!_index.TryGetValue(creator, out var state))
        {
            _creators.Add(creator);
            _outgoing.Add([]);
            state = _creators.Count;
            _index.Add(creator, state);
        }

        return state;
    }

    private void Count(int from, int to, long weight)
    {
        var counts = _outgoing[from];
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, to, out _);
        count = checked(count + weight);
        if (count == 0)
        {
            counts.Remove(to);
        }
    }

    private void CheckRemovable(IReadOnlyList<string> creators, bool converted, long weight)
    {
        const string Message = "Removing a path that was not added: a transition count would go below zero.";
        if (converted && Conversions + weight < 0)
        {
            throw new ArgumentException(Message, nameof(weight));
        }

        // A path can repeat a transition (A → B → A → B), so tally it before comparing with the counts (in a table kept
        // for the purpose: a path moves in the chain on every touch).
        var tally = _tally;
        tally.Clear();
        var from = Start;
        for (var i = 0; i <= creators.Count; i++)
        {
            int to;
            if (i == creators.Count)
            {
                to = converted ? ConversionState : NullState;
            }
            else if (!_index.TryGetValue(creators[i], out to))
            {
                throw new ArgumentException(Message, nameof(weight));
            }

            tally[(from, to)] = checked(tally.GetValueOrDefault((from, to)) + weight);
            from = to;
        }

        foreach (var ((source, target), change) in tally)
        {
            if (_outgoing[source].GetValueOrDefault(target) + change < 0)
            {
                throw new ArgumentException(Message, nameof(weight));
            }
        }
    }

    private AbsorbingChainSolution Solve() => _solution ??= Compute();

    private AbsorbingChainSolution Compute()
    {
        var states = _outgoing.Count;
        var converts = StatesThatCanConvert();
        var effects = new Dictionary<string, double>(_creators.Count, StringComparer.Ordinal);
        foreach (var creator in _creators)
        {
            effects[creator] = 0;
        }

        if (!converts[Start])
        {
            return new AbsorbingChainSolution(0, new ReadOnlyDictionary<string, double>(effects));
        }

        // Dense indices over the states that can convert; START stays 0 because it is first.
        var dense = new int[states];
        var m = 0;
        for (var s = 0; s < states; s++)
        {
            dense[s] = converts[s] ? m++ : -1;
        }

        var system = new double[m * m]; // I − Q, row-major
        var oneStep = new double[m]; // r
        for (var s = 0; s < states; s++)
        {
            if (!converts[s])
            {
                continue;
            }

            var i = dense[s];
            system[(i * m) + i] += 1;
            var total = 0.0;
            foreach (var count in _outgoing[s].Values)
            {
                total += count;
            }

            foreach (var (to, count) in _outgoing[s])
            {
                var p = count / total;
                if (to == ConversionState)
                {
                    oneStep[i] += p;
                }
                else if (to >= 0 && converts[to])
                {
                    system[(i * m) + dense[to]] -= p; // transitions to NULL or to states that cannot convert are lost mass
                }
            }
        }

        var fundamental = GaussJordan.InvertMMatrix(system, m); // N = (I − Q)⁻¹, row-major
        var reach = new double[m]; // x = N r
        for (var i = 0; i < m; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < m; j++)
            {
                sum += fundamental[(i * m) + j] * oneStep[j];
            }

            reach[i] = sum;
        }

        var probability = reach[0];
        for (var k = 0; k < _creators.Count; k++)
        {
            var j = dense[k + 1];
            if (j < 0 || probability <= 0)
            {
                continue;
            }

            var visited = fundamental[j] / fundamental[(j * m) + j]; // P(ever visit this creator from START)
            effects[_creators[k]] = Math.Clamp(visited * reach[j] / probability, 0, 1);
        }

        return new AbsorbingChainSolution(probability, new ReadOnlyDictionary<string, double>(effects));
    }

    // Reverse breadth-first search from CONVERSION over the transitions with a positive count.
    private bool[] StatesThatCanConvert()
    {
        var states = _outgoing.Count;
        var converts = new bool[states];
        var predecessors = new List<int>[states];
        var queue = new Queue<int>();
        for (var s = 0; s < states; s++)
        {
            foreach (var (to, count) in _outgoing[s])
            {
                if (count <= 0)
                {
                    continue;
                }

                if (to == ConversionState)
                {
                    if (!converts[s])
                    {
                        converts[s] = true;
                        queue.Enqueue(s);
                    }
                }
                else if (to >= 0)
                {
                    (predecessors[to] ??= []).Add(s);
                }
            }
        }

        while (queue.TryDequeue(out var state))
        {
            foreach (var predecessor in predecessors[state] ?? [])
            {
                if (!converts[predecessor])
                {
                    converts[predecessor] = true;
                    queue.Enqueue(predecessor);
                }
            }
        }

        return converts;
    }

    /// <summary>Writes the chain's counts (the cached solution is not kept: it is recomputed from them, to the same bits).</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(Conversions);
        writer.Write(_creators, static (w, c) => w.Write(c));
        writer.Write(_outgoing, static (w, transitions) => w.Write(transitions, static (t, to) => t.Write(to), static (t, count) => t.Write(count)));
    }

    /// <summary>Reads into this fresh chain what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        Conversions = reader.Long();
        foreach (var creator in reader.List(static r => r.String()))
        {
            _creators.Add(creator);
            _index[creator] = _creators.Count; // creator k is state k + 1 (0 is START)
        }

        _outgoing.Clear();
        _outgoing.AddRange(reader.List(static r =>
        {
            var transitions = new Dictionary<int, long>();
            r.Into(transitions, static t => t.Int(), static t => t.Long());
            return transitions;
        }));
        _solution = null;
    }
}
