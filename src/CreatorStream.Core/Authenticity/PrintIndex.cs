using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The comments of a post's group window by their prints (<see cref="CommentPrint"/>), for the template signal
/// (<see cref="GroupSignals"/>): how many accounts wrote exactly a print, and how many wrote one near it, without
/// comparing it with every comment in the window. Exact copies are counted per print. Near ones are found by banding: the
/// minima are cut into one band more than the mismatches a near print may have, so a near print agrees with the query on
/// at least one whole band (pigeonhole); prints sharing a band with the query are the candidates, and each candidate is
/// then compared in full, so the answer is the full comparison's.
/// <para>
/// A row is a distinct print (its minima and its text's length), with the accounts that wrote it behind it: a wave of
/// exact copies (generic praise, a giveaway's identical entries) is one row however many accounts write it, and a near
/// count adds a row's accounts by number. Only an account that wrote more than one distinct print is counted through a
/// set, so it is counted once (each row keeps those accounts). Before session 68 a row was a comment's print and
/// account, and a judged comment read every copy of its line (docs/benchmarks.md, session 68).
/// </para>
/// <para>
/// The state is flat (docs/design.md, "Per-event cost"): dictionaries for the whole post, an array of rows, one of their
/// minima and one of their links, not a dictionary per print and per band. A row's minima are copied beside it and
/// compared four at a time; it is linked into one list per band key, both ways, so it leaves its lists in constant time.
/// An index emptied by its window gives back its room over <see cref="KeptRows"/> rows. Mutable; not thread-safe: one
/// per <see cref="GroupTally"/>.
/// </para>
/// </summary>
internal sealed class PrintIndex
{
    /// <summary>Rows an emptied index keeps: a post's window empties often between bursts, and a small one is no cost.</summary>
    public const int KeptRows = 64;

    private const int NoRow = -1;
    private const int FirstRows = 4;

    // Exact copies: comments per (minima, account), and accounts per minima.
    private readonly Dictionary<(PrintKey Print, ulong User), int> _copies = [];
    private readonly Dictionary<PrintKey, int> _copiers = [];

    // Near ones: the row of each distinct print, comments per row and account, each account's rows, and the first row
    // of each band key's list.
    private readonly Dictionary<(PrintKey Print, int Length), int> _rowOf = [];
    private readonly Dictionary<(int Row, ulong User), int> _comments = [];
    private readonly Dictionary<ulong, AccountRows> _rowsOf = [];
    private readonly Dictionary<(int Band, ulong Hash), int> _heads = [];
    private readonly (int Start, int Length)[] _cuts;
    private readonly int _minSame;

    // Scratch for a count: the accounts of more than one row found so far.
    private readonly HashSet<ulong> _counted = [];
    private int _query; // the count's number, stamped on the rows it has judged

    private Row[] _rows = [];

    // Each row's minima, CommentPrint.Size a row, beside the rows: a count compares its candidates one after another,
    // here in one array, four minima at a time, instead of each print's own array through its object.
    private uint[] _minima = [];

    // Per row and band, two slots: the next row in the band key's list, then the previous one (NoRow at the ends).
    private int[] _links = [];
    private int _used;
    private int _free = NoRow;

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

    /// <summary>Prints held (distinct minima), for tests.</summary>
    public int Prints => _copiers.Count;

    /// <summary>Accounts per distinct print held (a (print, length, account) each), for tests.</summary>
    public int Rows => _comments.Count;

    /// <summary>Rows the index has room for, for tests: <see cref="KeptRows"/> or fewer once emptied.</summary>
    public int RowCapacity => _rows.Length;

    public void Add(ulong user, CommentPrint print)
    {
        var key = new PrintKey(print);
        CollectionsMarshal.GetValueRefOrAddDefault(_copies, (key, user), out var copied)++;
        if (!copied)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_copiers, key, out _)++;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowOf, (key, print.Length), out var listed);
        if (!listed)
        {
            slot = NewRow(print);
            Link(slot, print);
        }

        var row = slot;
        CollectionsMarshal.GetValueRefOrAddDefault(_comments, (row, user), out var wrote)++;
        if (!wrote)
        {
            _rows[row].Accounts++;
            Join(user, row);
        }
    }

    public void Remove(ulong user, CommentPrint print)
    {
        var key = new PrintKey(print);
        ref var copies = ref CollectionsMarshal.GetValueRefOrNullRef(_copies, (key, user));
        if (!Unsafe.IsNullRef(ref copies) && --copies == 0)
        {
            _copies.Remove((key, user));
            ref var copiers = ref CollectionsMarshal.GetValueRefOrNullRef(_copiers, key);
            if (--copiers == 0)
            {
                _copiers.Remove(key);
            }
        }

        if (!_rowOf.TryGetValue((key, print.Length), out var row))
        {
            return;
        }

        ref var comments = ref CollectionsMarshal.GetValueRefOrNullRef(_comments, (row, user));
        if (Unsafe.IsNullRef(ref comments) || --comments > 0)
        {
            return;
        }

        _comments.Remove((row, user));
        Leave(user, row);
        if (--_rows[row].Accounts > 0)
        {
            return;
        }

        _rowOf.Remove((key, print.Length));
        Unlink(row, print);
        _rows[row] = new Row { NextFree = _free };
        _free = row;
        if (_rowOf.Count == 0 && _copies.Count == 0 && _rows.Length > KeptRows)
        {
            Clear();
        }
    }

    /// <summary>Forgets every comment and gives back the tables' room (when the tally starts again, or the window empties).</summary>
    public void Clear()
    {
        _copies.Clear();
        _copiers.Clear();
        _rowOf.Clear();
        _comments.Clear();
        _rowsOf.Clear();
        _heads.Clear();
        _counted.Clear();
        _copies.TrimExcess();
        _copiers.TrimExcess();
        _rowOf.TrimExcess();
        _comments.TrimExcess();
        _rowsOf.TrimExcess();
        _heads.TrimExcess();
        _counted.TrimExcess();
        _rows = [];
        _minima = [];
        _links = [];
        _used = 0;
        _free = NoRow;
    }

    /// <summary>Accounts whose comment has exactly <paramref name="print"/> (a similarity of 1).</summary>
    public int Copies(CommentPrint print) => _copiers.GetValueOrDefault(new PrintKey(print));

    /// <summary>
    /// Accounts with a comment of at least <paramref name="minLength"/> characters whose similarity to
    /// <paramref name="print"/> reaches the index's; or <paramref name="enough"/>, once at least that many are found (the
    /// rest are not looked for).
    /// </summary>
    public int Alike(CommentPrint print, int minLength, int enough = int.MaxValue)
    {
        var counted = _counted;
        counted.Clear();
        var single = 0; // accounts of one row alone: counted by number, each through its one row
        var query = NextQuery();
        for (var band = 0; band < _cuts.Length && single + counted.Count < enough; band++)
        {
            if (!_heads.TryGetValue((band, BandHash(print, band)), out var row))
            {
                continue;
            }

            // A row in several of the query's lists is judged in the first (its stamp): near prints share most bands.
            for (; row != NoRow && single + counted.Count < enough; row = _links[Next(row, band)])
            {
                ref var other = ref _rows[row];
                if (other.Judged == query || other.Length < minLength)
                {
                    continue;
                }

                other.Judged = query;
                if (BitOperations.PopCount(EqualMinima(print.Minima, MinimaOf(row))) >= _minSame)
                {
                    single += other.Accounts - (other.Shared?.Count ?? 0);
                    if (other.Shared is { } shared)
                    {
                        counted.UnionWith(shared);
                    }
                }
            }
        }

        return Math.Min(single + counted.Count, enough);
    }

    /// <summary>The last count's number, for tests of its wrap.</summary>
    internal int LastQuery
    {
        get => _query;
        set => _query = value;
    }

    // A new count's stamp; on wrapping, every row's stamp is cleared first, so no row seems judged by it already.
    private int NextQuery()
    {
        if (_query == int.MaxValue)
        {
            for (var row = 0; row < _used; row++)
            {
                _rows[row].Judged = 0;
            }

            _query = 0;
        }

        return ++_query;
    }

    // The account wrote a print new to it: one row more among its rows. An account of more than one row is counted
    // through the set, so each of its rows keeps it among the shared.
    private void Join(ulong user, int row)
    {
        ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowsOf, user, out var known);
        if (!known)
        {
            rows = new AccountRows(row);
            return;
        }

        if (rows.More is null || rows.More.Count == 0)
        {
            Share(rows.First, user);
        }

        (rows.More ??= []).Add(row);
        Share(row, user);
    }

    // The account's last comment of a print left: one row fewer among its rows; left with one, it is single again.
    private void Leave(ulong user, int row)
    {
        ref var rows = ref CollectionsMarshal.GetValueRefOrNullRef(_rowsOf, user);
        if (rows.More is not { Count: > 0 } more)
        {
            _rowsOf.Remove(user);
            return;
        }

        Unshare(row, user);
        if (rows.First == row)
        {
            rows.First = more[^1];
            more.RemoveAt(more.Count - 1);
        }
        else
        {
            more.Remove(row);
        }

        if (more.Count == 0)
        {
            Unshare(rows.First, user);
        }
    }

    private void Share(int row, ulong user) => (_rows[row].Shared ??= []).Add(user);

    private void Unshare(int row, ulong user)
    {
        ref var shared = ref _rows[row].Shared;
        shared!.Remove(user);
        if (shared.Count == 0)
        {
            shared = null;
        }
    }

    // Which of two prints' minima are equal (bit k: minimum k), four at a time where the hardware compares vectors.
    private static uint EqualMinima(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var equal = 0u;
        var k = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; k + Vector128<uint>.Count <= CommentPrint.Size; k += Vector128<uint>.Count)
            {
                equal |= Vector128.Equals(Vector128.Create(a[k..]), Vector128.Create(b[k..])).ExtractMostSignificantBits() << k;
            }
        }

        for (; k < CommentPrint.Size; k++)
        {
            equal |= a[k] == b[k] ? 1u << k : 0;
        }

        return equal;
    }

    private ReadOnlySpan<uint> MinimaOf(int row) => _minima.AsSpan(row * CommentPrint.Size, CommentPrint.Size);

    private int Next(int row, int band) => ((row * _cuts.Length) + band) * 2;

    private int Previous(int row, int band) => Next(row, band) + 1;

    private int NewRow(CommentPrint print)
    {
        int row;
        if (_free != NoRow)
        {
            row = _free;
            _free = _rows[row].NextFree;
        }
        else
        {
            if (_used == _rows.Length)
            {
                var capacity = Math.Max(FirstRows, _rows.Length * 2);
                Array.Resize(ref _rows, capacity);
                Array.Resize(ref _minima, capacity * CommentPrint.Size);
                Array.Resize(ref _links, capacity * _cuts.Length * 2);
            }

            row = _used++;
        }

        _rows[row] = new Row { Length = print.Length };
        print.Minima.CopyTo(_minima.AsSpan(row * CommentPrint.Size, CommentPrint.Size));
        return row;
    }

    private void Link(int row, CommentPrint print)
    {
        for (var band = 0; band < _cuts.Length; band++)
        {
            ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, (band, BandHash(print, band)), out var listed);
            var next = listed ? head : NoRow;
            _links[Next(row, band)] = next;
            _links[Previous(row, band)] = NoRow;
            if (next != NoRow)
            {
                _links[Previous(next, band)] = row;
            }

            head = row;
        }
    }

    private void Unlink(int row, CommentPrint print)
    {
        for (var band = 0; band < _cuts.Length; band++)
        {
            var (next, previous) = (_links[Next(row, band)], _links[Previous(row, band)]);
            if (previous != NoRow)
            {
                _links[Next(previous, band)] = next;
            }
            else if (next != NoRow)
            {
                _heads[(band, BandHash(print, band))] = next;
            }
            else
            {
                _heads.Remove((band, BandHash(print, band)));
            }

            if (next != NoRow)
            {
                _links[Previous(next, band)] = previous;
            }
        }
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

    /// <summary>
    /// A distinct print (its minima in _minima): its text's length, how many accounts wrote it, those of them that wrote
    /// another print too (null: none), and the count that last judged it (0: a free row, or none).
    /// </summary>
    private struct Row
    {
        public int Length;
        public int Accounts;
        public int Judged;
        public HashSet<ulong>? Shared;

        // The next free row, while this one is free.
        public int NextFree;
    }

    /// <summary>An account's rows: the first inline, the others in a list made at the second.</summary>
    private struct AccountRows(int first)
    {
        public int First = first;
        public List<int>? More;
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
