using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The comments of a post's group window by their prints (<see cref="CommentPrint"/>), for the template signal
/// (<see cref="GroupSignals"/>): which accounts wrote exactly a print, and which wrote one near it, without comparing it
/// with every comment in the window. Exact copies are counted per print. Near ones are found by banding: the minima are
/// cut into one band more than the mismatches a near print may have, so a near print agrees with the query on at least one
/// whole band (pigeonhole); comments sharing a band with the query are the candidates, and each candidate is then compared
/// in full, so the answer is the full comparison's.
/// <para>
/// The state is flat (docs/design.md, "Per-event cost"): four dictionaries for the whole post, an array of rows, one of
/// their minima and one of their links, not a dictionary per print and per band. A row is a comment's account and length
/// (with how many such comments it stands for), its print's minima copied beside it, linked into one list per band key,
/// both ways, so a row leaves its lists in constant time. A comment whose print is new to the window cost about 1.5 KB
/// as a dictionary per print and per band (most band keys of a print with a user fragment are its own), and costs about
/// 300 bytes here (docs/benchmarks.md, session 38), 64 more since its minima are copied (session 68). An index emptied by its window
/// gives back its room over <see cref="KeptRows"/> rows. Mutable; not thread-safe: one per <see cref="GroupTally"/>.
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

    // Near ones: the row of each (print, account), and the first row of each band key's list.
    private readonly Dictionary<(CommentPrint Print, ulong User), int> _rowOf = [];
    private readonly Dictionary<(int Band, ulong Hash), int> _heads = [];
    private readonly (int Start, int Length)[] _cuts;
    private readonly int _minSame;

    private Row[] _rows = [];

    // Each row's minima, CommentPrint.Size a row, beside the rows: a near-count compares a wave's rows one after another,
    // here in one array, four minima at a time, instead of each print's own array through its object (a comment wave's
    // judging took less than half the time: docs/benchmarks.md, session 68).
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

    /// <summary>Rows held (a (print, account) pair each), for tests.</summary>
    public int Rows => _rowOf.Count;

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

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowOf, (print, user), out var held);
        if (held)
        {
            _rows[slot].Comments++;
            return;
        }

        var row = slot = NewRow(print, user);
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

        if (!_rowOf.TryGetValue((print, user), out var row) || --_rows[row].Comments > 0)
        {
            return;
        }

        _rowOf.Remove((print, user));
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
        _heads.Clear();
        _copies.TrimExcess();
        _copiers.TrimExcess();
        _rowOf.TrimExcess();
        _heads.TrimExcess();
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
    /// <paramref name="print"/> reaches the index's, into <paramref name="into"/> (cleared first); returns how many, or
    /// <paramref name="enough"/> once that many are found (the rest are not looked for).
    /// </summary>
    public int Alike(CommentPrint print, int minLength, HashSet<ulong> into, int enough = int.MaxValue)
    {
        into.Clear();
        for (var band = 0; band < _cuts.Length && into.Count < enough; band++)
        {
            if (!_heads.TryGetValue((band, BandHash(print, band)), out var row))
            {
                continue;
            }

            // A row whose minima equal the query's over an earlier band's cut was in that band's list (equal minima, equal
            // key), and was judged there as it would be here: passed over. Near comments share most bands, so in a wave
            // each would otherwise be judged once per band it shares.
            var earlier = (1u << _cuts[band].Start) - 1;
            for (; row != NoRow && into.Count < enough; row = _links[Next(row, band)])
            {
                ref readonly var other = ref _rows[row];
                if (other.Length < minLength)
                {
                    continue;
                }

                var equal = EqualMinima(print.Minima, MinimaOf(row));
                if (BitOperations.PopCount(equal) >= _minSame && !SharesABand(equal & earlier))
                {
                    into.Add(other.User); // an account already found through another comment is counted once
                }
            }
        }

        return into.Count;
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

    // Whether the equal minima cover a whole band's cut.
    private bool SharesABand(uint equal)
    {
        foreach (var (start, length) in _cuts)
        {
            var cut = ((1u << length) - 1) << start;
            if ((equal & cut) == cut)
            {
                return true;
            }
        }

        return false;
    }

    private ReadOnlySpan<uint> MinimaOf(int row) => _minima.AsSpan(row * CommentPrint.Size, CommentPrint.Size);

    private int Next(int row, int band) => ((row * _cuts.Length) + band) * 2;

    private int Previous(int row, int band) => Next(row, band) + 1;

    private int NewRow(CommentPrint print, ulong user)
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

        _rows[row] = new Row { Length = print.Length, User = user, Comments = 1 };
        print.Minima.CopyTo(_minima.AsSpan(row * CommentPrint.Size, CommentPrint.Size));
        return row;
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

    /// <summary>A comment's account and its normalized text's length (its minima in _minima), with how many such comments the window holds (0: a free row).</summary>
    private struct Row
    {
        public ulong User;
        public int Length;
        public int Comments;

        // The next free row, while this one is free.
        public int NextFree;
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
