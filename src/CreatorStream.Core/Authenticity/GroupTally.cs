using System.Runtime.InteropServices;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the group signals count over one post's window (<see cref="GroupSignals"/>), kept up to date as the window
/// slides instead of counted again for every judged engagement. Counting again cost a scan of the whole window per
/// engagement: quadratic in a window's engagements, so one post drawing a few hundred engagements a second held up its
/// brand task (docs/benchmarks.md, session 12). Judgements come in event-time order, so both ends of the window only move
/// forward and each entry is added and removed once.
/// <para>
/// Two ranges of event time, both inclusive and ending at the same <c>to</c>: the group window [<c>from</c>, <c>to</c>]
/// and its recent part [<c>recentFrom</c>, <c>to</c>]. Only engagements that are not a live stream's chat count (clicks
/// and chat are in no group). Per account it keeps what the signals ask of one account; across accounts, how many there
/// are of each kind. It follows the window's changes: an entry observed inside a range joins it at once, an entry marked
/// shown leaves the unexposed count, and forgetting entries inside a range (which the classifier's horizons never do)
/// starts the tally again. A range that moves backwards (never, in event-time order) also starts it again, so the counts
/// are those of a scan whatever the order. Derived state: not in snapshots. Mutable; not thread-safe: one per post.
/// </para>
/// </summary>
internal sealed class GroupTally(double templateSimilarity)
{
    private readonly Dictionary<ulong, Account> _accounts = [];
    private readonly PrintIndex _prints = new(templateSimilarity);
    private bool _valid;
    private long _from;
    private long _recentFrom;
    private long _to;

    /// <summary>Engagements in the group window.</summary>
    public int Engagements { get; private set; }

    /// <summary>Engagements in the group window by accounts never shown the post and new to its creator (<see cref="WindowEntry.Unexposed"/>).</summary>
    public int UnexposedEngagements { get; private set; }

    /// <summary>Accounts that engaged in the recent part.</summary>
    public int RecentEngagers { get; private set; }

    /// <summary>Accounts that came back to comment (<see cref="WindowEntry.Returning"/>) in the recent part.</summary>
    public int Returners { get; private set; }

    /// <summary>Accounts that commented in the group window.</summary>
    public int Commenters { get; private set; }

    /// <summary>Accounts that praised the post in generic words as newcomers and did nothing else in the group window but comment (no like, save or share).</summary>
    public int Praisers { get; private set; }

    /// <summary>Accounts whose comment in the group window has exactly <paramref name="print"/>.</summary>
    public int Copies(CommentPrint print) => _prints.Copies(print);

    /// <summary>
    /// How many accounts' comments in the group window, of at least <paramref name="minLength"/> characters, are near
    /// <paramref name="print"/> (<see cref="AuthenticityOptions.TemplateSimilarity"/>); <paramref name="enough"/> once at
    /// least that many are (<see cref="PrintIndex.Alike"/>).
    /// </summary>
    public int Alike(CommentPrint print, int minLength, int enough) => _prints.Alike(print, minLength, enough);

    /// <summary>Whether an entry counts in any group: an engagement that is not chat.</summary>
    public static bool Counts(in WindowEntry entry) => entry.IsEngagement && !entry.Chat;

    /// <summary>The returners, into <paramref name="into"/> (cleared first).</summary>
    public HashSet<ulong> ReturnersInto(HashSet<ulong> into)
    {
        into.Clear();
        foreach (var (user, account) in _accounts)
        {
            if (account.ReturningRecent > 0)
            {
                into.Add(user);
            }
        }

        return into;
    }

    /// <summary>
    /// What the signals ask of one account, found with one lookup: its first comment in the group window, in window order
    /// (null if none), whether it is one of the <see cref="Returners"/> and whether one of the <see cref="Praisers"/>.
    /// </summary>
    public (CommentPrint? FirstPrint, bool Returner, bool Praiser) AccountOf(ulong user, PostState post)
    {
        ref var account = ref CollectionsMarshal.GetValueRefOrNullRef(_accounts, user);
        return System.Runtime.CompilerServices.Unsafe.IsNullRef(ref account)
            ? (null, false, false)
            : (FirstPrint(ref account, user, post), account.ReturningRecent > 0, IsPraiser(account));
    }

    /// <summary>
    /// The account's first comment in the group window: kept as entries join, looked up again in the post's window only
    /// after it left the window while later comments of the account stayed.
    /// </summary>
    private CommentPrint? FirstPrint(ref Account account, ulong user, PostState post)
    {
        if (account.Prints == 0)
        {
            return null;
        }

        if (account.FirstPrint is null)
        {
            var window = post.Entries;
            for (var i = post.WindowFrom(_from); i < window.Length && window[i].Ts <= _to; i++)
            {
                if (window[i].User == user && window[i].Print is { } print && Counts(window[i]))
                {
                    account.FirstPrint = print;
                    account.FirstPrintTs = window[i].Ts;
                    break;
                }
            }
        }

        return account.FirstPrint;
    }

    /// <summary>Moves the ranges to [<paramref name="from"/>, <paramref name="to"/>] and [<paramref name="recentFrom"/>, <paramref name="to"/>].</summary>
    public void MoveTo(PostState post, long from, long recentFrom, long to)
    {
        if (!_valid || from < _from || recentFrom < _recentFrom || to < _to)
        {
            Clear();
            (_from, _recentFrom, _to, _valid) = (from, recentFrom, to, true);
            Apply(post, from, to, main: true, recent: false, +1);
            Apply(post, recentFrom, to, main: false, recent: true, +1);
            return;
        }

        // What leaves each range, then what enters it: old [a, b], new [c, d] with c >= a and d >= b leave [a, min(b, c - 1)]
        // and enter [max(c, b + 1), d].
        Apply(post, _from, Math.Min(_to, from - 1), main: true, recent: false, -1);
        Apply(post, _recentFrom, Math.Min(_to, recentFrom - 1), main: false, recent: true, -1);
        Apply(post, Math.Max(from, _to + 1), to, main: true, recent: false, +1);
        Apply(post, Math.Max(recentFrom, _to + 1), to, main: false, recent: true, +1);
        (_from, _recentFrom, _to) = (from, recentFrom, to);
    }

    /// <summary>An entry inserted into the window: it joins whichever range holds its time.</summary>
    public void Observed(in WindowEntry entry)
    {
        if (_valid && Counts(entry))
        {
            Apply(entry, InMain(entry.Ts), InRecent(entry.Ts), +1);
        }
    }

    /// <summary>An entry of the window now marked shown: it is no longer unexposed.</summary>
    public void Shown(in WindowEntry before, in WindowEntry after)
    {
        if (_valid && Counts(before) && InMain(before.Ts) && before.Unexposed && !after.Unexposed)
        {
            UnexposedEngagements--;
        }
    }

    /// <summary>
    /// Entries older than <paramref name="before"/> left the window: if any was in a range, the tally starts again at the
    /// next judgement, and lets its tables go now (a post no longer judged would otherwise keep its last window's accounts).
    /// </summary>
    public void Forgot(long before)
    {
        if (_valid && before > Math.Min(_from, _recentFrom))
        {
            _valid = false;
            Clear();
            _accounts.TrimExcess();
        }
    }

    private bool InMain(long ts) => ts >= _from && ts <= _to;

    private bool InRecent(long ts) => ts >= _recentFrom && ts <= _to;

    private static bool IsPraiser(in Account a) => a.Praise > 0 && a.Other == 0;

    private void Clear()
    {
        _accounts.Clear();
        _prints.Clear();
        Engagements = UnexposedEngagements = RecentEngagers = Returners = Commenters = Praisers = 0;
    }

    private void Apply(PostState post, long from, long to, bool main, bool recent, int sign)
    {
        if (from > to)
        {
            return;
        }

        var window = post.Entries;
        for (var i = post.WindowFrom(from); i < window.Length && window[i].Ts <= to; i++)
        {
            var entry = window[i];
            if (Counts(entry))
            {
                Apply(entry, main, recent, sign);
            }
        }
    }

    private void Apply(in WindowEntry entry, bool main, bool recent, int sign)
    {
        if (!main && !recent)
        {
            return;
        }

        ref var a = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, entry.User, out _);
        var (wasRecent, wasReturner, wasCommenter, wasPraiser) = (a.Recent > 0, a.ReturningRecent > 0, a.Prints > 0, IsPraiser(a));
        if (main)
        {
            a.Refs += sign;
            Engagements += sign;
            UnexposedEngagements += entry.Unexposed ? sign : 0;
            if (entry.NewcomerPraise)
            {
                a.Praise += sign;
            }
            else if (entry.Print is null)
            {
                a.Other += sign;
            }

            if (entry.Print is { } print)
            {
                a.Prints += sign;
                NoteFirstPrint(ref a, entry.Ts, print, sign);
                if (sign > 0)
                {
                    _prints.Add(entry.User, print);
                }
                else
                {
                    _prints.Remove(entry.User, print);
                }
            }
        }

        if (recent)
        {
            a.Refs += sign;
            a.Recent += sign;
            a.ReturningRecent += entry.Returning ? sign : 0;
        }

        RecentEngagers += Change(wasRecent, a.Recent > 0);
        Returners += Change(wasReturner, a.ReturningRecent > 0);
        Commenters += Change(wasCommenter, a.Prints > 0);
        Praisers += Change(wasPraiser, IsPraiser(a));
        if (a.Refs == 0)
        {
            _accounts.Remove(entry.User);
        }
    }

    /// <summary>
    /// Keeps the account's first comment in window order: a comment joining earlier than it takes its place (one at the
    /// same time joins after it: the window inserts after equal times); when it leaves, the next is looked up on demand.
    /// </summary>
    private static void NoteFirstPrint(ref Account a, long ts, CommentPrint print, int sign)
    {
        if (sign > 0)
        {
            if (a.Prints == 1 || (a.FirstPrint is not null && ts < a.FirstPrintTs))
            {
                a.FirstPrint = print;
                a.FirstPrintTs = ts;
            }
        }
        else if (a.Prints == 0 || ReferenceEquals(a.FirstPrint, print))
        {
            a.FirstPrint = null;
        }
    }

    private static int Change(bool was, bool @is) => was == @is ? 0 : @is ? 1 : -1;

    /// <summary>One account's part of the ranges. <see cref="Refs"/> counts its entries in each range, so it leaves with its last.</summary>
    private struct Account
    {
        public int Refs;
        public int Recent;
        public int ReturningRecent;
        public int Prints;
        public int Praise;
        public int Other;
        public CommentPrint? FirstPrint;
        public long FirstPrintTs;
    }
}
