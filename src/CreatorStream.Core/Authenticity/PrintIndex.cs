namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The comments of a post's group window by their prints (<see cref="CommentPrint"/>), for the template signal
/// (<see cref="GroupSignals"/>): which accounts wrote exactly a print, and which wrote one near it, without comparing it
/// with every comment in the window. Exact copies are counted per print. Near ones are found by banding: the minima are
/// cut into one band more than the mismatches a near print may have, so a near print agrees with the query on at least one
/// whole band (pigeonhole); comments sharing a band with the query are the candidates, and each candidate is then compared
/// in full, so the answer is the full comparison's. Mutable; not thread-safe: one per <see cref="GroupTally"/>.
/// </summary>
internal sealed class PrintIndex
{
    private readonly Dictionary<PrintKey, Dictionary<ulong, int>> _exact = [];
    private readonly Dictionary<(int Band, ulong Hash), Dictionary<(CommentPrint Print, ulong User), int>> _bands = [];
    private readonly (int Start, int Length)[] _cuts;
    private readonly int _minSame;

    /// <param name="similarity">The similarity a near print reaches (a share of equal minima, as <see cref="CommentPrint.Similarity"/>).</param>
    public PrintIndex(double similarity)
    {
        // A similarity of 0 would make every comment near: the bands could not find them. The signal's is 0.7.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(similarity, 0);
        // The fewest equal minima that reach it, computed as the comparison computes it (none reach above 1); at most
        // Size - minSame may differ, so that many plus one bands leave one whole band equal.
        _minSame = CommentPrint.Size + 1;
        for (var same = CommentPrint.Size; same > 0 && (double)same / CommentPrint.Size >= similarity; same--)
        {
            _minSame = same;
        }

        var bands = _minSame > CommentPrint.Size ? 0 : CommentPrint.Size - _minSame + 1;
        _cuts = new (int, int)[bands];
        for (int band = 0, start = 0; band < bands; band++)
        {
            var length = (CommentPrint.Size - start) / (bands - band);
            _cuts[band] = (start, length);
            start += length;
        }
    }

    public void Add(ulong user, CommentPrint print)
    {
        var key = new PrintKey(print);
        if (!_exact.TryGetValue(key, out var users))
        {
            _exact[key] = users = [];
        }

        users[user] = users.GetValueOrDefault(user) + 1;
        for (var band = 0; band < _cuts.Length; band++)
        {
            var bandKey = (band, BandHash(print, band));
            if (!_bands.TryGetValue(bandKey, out var members))
            {
                _bands[bandKey] = members = [];
            }

            members[(print, user)] = members.GetValueOrDefault((print, user)) + 1;
        }
    }

    public void Remove(ulong user, CommentPrint print)
    {
        var key = new PrintKey(print);
        if (_exact.TryGetValue(key, out var users) && users.TryGetValue(user, out var count))
        {
            if (count > 1)
            {
                users[user] = count - 1;
            }
            else if (users.Remove(user) && users.Count == 0)
            {
                _exact.Remove(key);
            }
        }

        for (var band = 0; band < _cuts.Length; band++)
        {
            var bandKey = (band, BandHash(print, band));
            if (!_bands.TryGetValue(bandKey, out var members) || !members.TryGetValue((print, user), out var entries))
            {
                continue;
            }

            if (entries > 1)
            {
                members[(print, user)] = entries - 1;
            }
            else if (members.Remove((print, user)) && members.Count == 0)
            {
                _bands.Remove(bandKey);
            }
        }
    }

    /// <summary>Forgets every comment and gives back the tables' room (rare: when the tally starts again).</summary>
    public void Clear()
    {
        _exact.Clear();
        _bands.Clear();
        _exact.TrimExcess();
        _bands.TrimExcess();
    }

    /// <summary>Accounts whose comment has exactly <paramref name="print"/> (a similarity of 1).</summary>
    public int Copies(CommentPrint print) => _exact.TryGetValue(new PrintKey(print), out var users) ? users.Count : 0;

    /// <summary>
    /// Accounts with a comment of at least <paramref name="minLength"/> characters whose similarity to
    /// <paramref name="print"/> reaches the index's, into <paramref name="into"/> (cleared first); returns how many.
    /// </summary>
    public int Alike(CommentPrint print, int minLength, HashSet<ulong> into)
    {
        into.Clear();
        for (var band = 0; band < _cuts.Length; band++)
        {
            if (!_bands.TryGetValue((band, BandHash(print, band)), out var members))
            {
                continue;
            }

            foreach (var ((other, user), _) in members)
            {
                if (other.Length >= minLength && !into.Contains(user) && Same(print, other) >= _minSame)
                {
                    into.Add(user);
                }
            }
        }

        return into.Count;
    }

    private static int Same(CommentPrint a, CommentPrint b)
    {
        var same = 0;
        for (var k = 0; k < CommentPrint.Size; k++)
        {
            same += a.Minima[k] == b.Minima[k] ? 1 : 0;
        }

        return same;
    }

    private ulong BandHash(CommentPrint print, int band)
    {
        var (start, length) = _cuts[band];
        var hash = 1469598103934665603UL;
        for (var k = start; k < start + length; k++)
        {
            hash = (hash ^ print.Minima[k]) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A print compared by its minima: two comments with the same minima are exact copies to the template signal.</summary>
    private readonly struct PrintKey(CommentPrint print) : IEquatable<PrintKey>
    {
        private readonly CommentPrint _print = print;

        public bool Equals(PrintKey other) => _print.Minima.AsSpan().SequenceEqual(other._print.Minima);

        public override bool Equals(object? obj) => obj is PrintKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var minimum in _print.Minima)
            {
                hash.Add(minimum);
            }

            return hash.ToHashCode();
        }
    }
}
