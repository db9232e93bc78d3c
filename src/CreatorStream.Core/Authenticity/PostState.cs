using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier keeps per post (campaign, creator, content): engagements and clicks per minute, all and
/// suspicious (for the alerts' share), the group window (the last minutes of engagements, with what the group signals
/// read), the early engagers (rings), and the incidents. Minutes older than the revision horizon are dropped; the window
/// holds its span only; engagers are capped. Mutable; not thread-safe.
/// </summary>
internal sealed class PostState(string campaignId, string creatorId, string contentId)
{
    private readonly Dictionary<long, (int All, int Suspicious, int NewcomerViews)> _minutes = [];
    private readonly List<WindowEntry> _window = [];
    private readonly List<ulong> _windowUsers = []; // each window entry's account, beside it: MarkShown finds an account's entries with a vectorised search
    // Beside each entry, what a group's search may skip it for (GroupRule): KnownClearMark, its account is in _clear
    // (unset: not known, look); and for each group, that the entry is none of its (Takes false), which once so stays so.
    private readonly List<byte> _windowMarks = [];
    private const byte KnownClearMark = 1;
    private const byte NotExposureMark = 2;
    private const byte NotPraiseMark = 4;
    private const byte NotTemplateMark = 8;

    // How many window entries not shown each account holds (made at the first): a late impression's MarkShown looks only
    // when its account holds one. Nearly every late impression is a second showing of what its account already saw: in a
    // 2M-record replay, 134 calls in 262,143 found an entry to mark, after reading 3,400 entries each (docs/benchmarks.md,
    // "Session 70"). Derived from the window, so not saved: a restore counts it again.
    private Dictionary<ulong, int>? _unshown;

    // For each GroupRule, the mark values its search stops at: neither known clear nor marked as none of the group's.
    private static readonly System.Buffers.SearchValues<byte>[] CandidateMarks =
    [
        CandidatesOf(NotExposureMark), CandidatesOf(NotPraiseMark), CandidatesOf(NotTemplateMark),
    ];

    private readonly HashSet<ulong> _ringEngagerSet = [];
    private GroupTally? _tally; // made at the first judgement: a post only shown is never judged
    private ClearAccounts? _clear; // made at the first revision, dropped with the window
    private PostScopes? _scopes; // made at the first flag

    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    public string ContentId { get; } = contentId;

    /// <summary>The post as the accounts flagged on it hold it (made at the first flag; a post only shown or judged authentic never needs it).</summary>
    public PostScopes Scopes => _scopes ??= new PostScopes(CampaignId, CreatorId, ContentId);

    /// <summary>After a restore: takes the instance the restored accounts flagged on the post share, if any do.</summary>
    public void ShareScopes(Dictionary<(string, string, string), PostScopes> restored)
    {
        if (restored.TryGetValue((CampaignId, CreatorId, ContentId), out var scopes))
        {
            _scopes = scopes;
        }
    }

    /// <summary>The creator's authenticity tally, once an engagement on the post was judged (the classifier's, shared by the creator's posts).</summary>
    public CreatorTally? CreatorTally { get; set; }

    /// <summary>The creator's key (campaign and creator): every post of one creator in one campaign shares it.</summary>
    public ulong CreatorKey { get; } = KeyHash.Combine(KeyHash.Of(campaignId), KeyHash.Of(creatorId));

    public long LastSeen { get; set; } = long.MinValue;

    /// <summary>Earliest event time seen on the post, impressions included: a stand-in for when it went up.</summary>
    public long FirstSeen { get; set; } = long.MaxValue;

    /// <summary>The post's format, once an impression has said it (live streams draw chat: bursts and repeated lines are normal there).</summary>
    public Events.ContentFormat? Format { get; set; }

    /// <summary>Engagements and clicks observed on the post, oldest first, for the group signals (issue 18).</summary>
    public IReadOnlyList<WindowEntry> Window => _window;

    /// <summary>The window as a span, for loops over it (valid until the window next changes).</summary>
    public ReadOnlySpan<WindowEntry> Entries => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_window);

    /// <summary>Accounts that engaged the post soon after it appeared (<see cref="AuthenticityOptions.RingEarlyMs"/>), capped, in order.</summary>
    public List<ulong> RingEngagers { get; } = [];

    /// <summary>
    /// The post's incidents, oldest first: the one under way, and ended ones a late or revised event may still join (one
    /// within an incident's span joins it rather than starting another, so its alert keeps its id).
    /// </summary>
    public List<PostIncident> Incidents { get; } = [];

    public int MinuteCount => _minutes.Count;

    /// <summary>Accounts known to hold no engagement judged authentic on the post (<see cref="ClearAccounts"/>), for tests.</summary>
    public int KnownClearAccounts => _clear?.Count ?? 0;

    /// <summary>Accounts holding a window entry not shown, for tests.</summary>
    internal int UnshownAccounts => _unshown?.Count ?? 0;

    /// <summary>Whether <paramref name="account"/> is known to hold no engagement judged authentic on the post (no revision can find one).</summary>
    public bool AccountKnownClear(ulong account) => _clear is { } clear && clear.Contains(account);

    /// <summary>
    /// Whether the account of window entry <paramref name="index"/> is known to hold no engagement judged authentic on the
    /// post: read from the entry's flag, else from the accounts known clear (and then flagged, so the next scan reads the flag).
    /// </summary>
    public bool EntryKnownClear(int index)
    {
        if ((_windowMarks[index] & KnownClearMark) != 0)
        {
            return true;
        }

        if (_clear is { } clear && clear.Contains(_windowUsers[index]))
        {
            CollectionsMarshal.AsSpan(_windowMarks)[index] |= KnownClearMark;
            return true;
        }

        return false;
    }

    /// <summary>The group signals whose members a revision takes from the window (<see cref="NextCandidate"/>).</summary>
    public enum GroupRule
    {
        /// <summary><c>exposure_gap</c>: an engagement by an account never shown the post and new to its creator.</summary>
        Exposure,

        /// <summary><c>praise_wave</c>: generic praise from a newcomer.</summary>
        Praise,

        /// <summary><c>template_wave</c>: a comment.</summary>
        Template,
    }

    /// <summary>Whether <paramref name="entry"/> is one <paramref name="rule"/>'s group may take (chat never is).</summary>
    public static bool Takes(GroupRule rule, in WindowEntry entry) => !entry.Chat && rule switch
    {
        GroupRule.Exposure => entry.Unexposed,
        GroupRule.Praise => entry.IsEngagement && entry.NewcomerPraise,
        _ => entry.Print is not null,
    };

    /// <summary>
    /// The index of the first window entry in [<paramref name="from"/>, <paramref name="end"/>) that may be one
    /// <paramref name="rule"/>'s group takes, of an account not known clear (a revision may still find something of it),
    /// or -1: a vectorised search of the marks beside the window. Every entry skipped is not; one found may still be
    /// (<see cref="Takes"/> and <see cref="EntryKnownClear"/> say, and the latter marks it).
    /// </summary>
    public int NextCandidate(GroupRule rule, int from, int end)
    {
        if (from >= end)
        {
            return -1;
        }

        var next = CollectionsMarshal.AsSpan(_windowMarks)[from..end].IndexOfAny(CandidateMarks[(int)rule]);
        return next < 0 ? -1 : from + next;
    }

    private static byte MarksOf(in WindowEntry entry) => (byte)(
        (Takes(GroupRule.Exposure, entry) ? 0 : NotExposureMark)
        | (Takes(GroupRule.Praise, entry) ? 0 : NotPraiseMark)
        | (Takes(GroupRule.Template, entry) ? 0 : NotTemplateMark));

    private static System.Buffers.SearchValues<byte> CandidatesOf(byte notMark) => System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 16).Where(marks => (marks & (KnownClearMark | notMark)) == 0).Select(marks => (byte)marks)]);

    /// <summary>Records that <paramref name="account"/> holds no engagement judged authentic on the post now (found so, or all taken by a revision).</summary>
    public void MarkClear(ulong account)
    {
        if (!(_clear ??= new ClearAccounts()).Add(account))
        {
            foreach (ref var marks in CollectionsMarshal.AsSpan(_windowMarks))
            {
                marks &= unchecked((byte)~KnownClearMark); // the set forgot the accounts these marks stood for
            }
        }
    }

    /// <summary>An engagement of <paramref name="account"/> on the post was judged authentic: a revision may take it.</summary>
    public void JudgedAuthentic(ulong account)
    {
        if (_clear is { } clear && clear.Judged(account))
        {
            // Rare (an account found clear engages the post again, authentically): its entries' flags go too.
            for (var i = EntryOf(account, 0, _window.Count); i >= 0; i = EntryOf(account, i + 1, _window.Count))
            {
                CollectionsMarshal.AsSpan(_windowMarks)[i] &= unchecked((byte)~KnownClearMark);
            }
        }
    }

    public void Count(long ts, bool suspicious)
    {
        var minute = ts - (ts % 60_000);
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_minutes, minute, out _);
        counts.All++;
        counts.Suspicious += suspicious ? 1 : 0;
    }

    /// <summary>Moves one engagement of the minute of <paramref name="ts"/> to suspicious (a revision).</summary>
    public void Recount(long ts)
    {
        var minute = ts - (ts % 60_000);
        ref var counts = ref CollectionsMarshal.GetValueRefOrNullRef(_minutes, minute);
        if (!Unsafe.IsNullRef(ref counts))
        {
            counts.Suspicious++;
        }
    }

    /// <summary>Counts a showing of the post to an account that met its creator through it (a newcomer's impression).</summary>
    public void CountNewcomerView(long ts)
    {
        var minute = ts - (ts % 60_000);
        CollectionsMarshal.GetValueRefOrAddDefault(_minutes, minute, out _).NewcomerViews++;
    }

    /// <summary>Showings of the post to newcomers in the minutes from <paramref name="from"/>'s to <paramref name="to"/>'s.</summary>
    public int NewcomerViews(long from, long to)
    {
        var views = 0;
        foreach (var (minute, counts) in _minutes)
        {
            if (minute + 60_000 > from && minute <= to)
            {
                views += counts.NewcomerViews;
            }
        }

        return views;
    }

    /// <summary>Engagements and clicks, all and suspicious, in the minutes from <paramref name="fromMinute"/> to <paramref name="toTs"/>'s minute.</summary>
    public (int All, int Suspicious) Totals(long fromMinute, long toTs)
    {
        var all = 0;
        var suspicious = 0;
        foreach (var (minute, counts) in _minutes)
        {
            if (minute >= fromMinute && minute <= toTs)
            {
                all += counts.All;
                suspicious += counts.Suspicious;
            }
        }

        return (all, suspicious);
    }

    /// <summary>Adds an observed engagement or click in event-time order (a late one goes where its time puts it).</summary>
    public void Observe(WindowEntry entry)
    {
        var at = _window.Count;
        while (at > 0 && _window[at - 1].Ts > entry.Ts)
        {
            at--;
        }

        _window.Insert(at, entry);
        _windowUsers.Insert(at, entry.User);
        _windowMarks.Insert(at, MarksOf(entry)); // not known clear until read (EntryKnownClear looks the account up then)
        CountUnshown(entry);
        _tally?.Observed(entry);
    }

    /// <summary>
    /// The group signals' tally over [<paramref name="from"/>, <paramref name="to"/>] and its recent part from
    /// <paramref name="recentFrom"/> (<see cref="GroupTally"/>).
    /// </summary>
    public GroupTally Group(AuthenticityOptions options, long from, long recentFrom, long to)
    {
        _tally ??= new GroupTally(options.TemplateSimilarity);
        _tally.MoveTo(this, from, recentFrom, to);
        return _tally;
    }

    /// <summary>
    /// Marks the account's engagements on the post from <paramref name="from"/> to <paramref name="ts"/> as shown: its
    /// impression was logged a moment after them (within the judge lag), as happens when an SDK sends the view late.
    /// </summary>
    public void MarkShown(ulong user, long from, long ts)
    {
        if (_unshown is null || !_unshown.ContainsKey(user))
        {
            return; // every entry of the account's is shown already
        }

        var start = WindowFrom(from);
        var end = ts == long.MaxValue ? _window.Count : WindowFrom(ts + 1);

        // The account's entries among [start, end), found in the users beside the window (a busy post holds thousands
        // of entries in a judge lag, and a late impression of an account that engaged is common).
        for (var i = EntryOf(user, start, end); i >= 0; i = EntryOf(user, i + 1, end))
        {
            if (!_window[i].Shown)
            {
                var before = _window[i];
                _window[i] = before with { Shown = true };
                CollectionsMarshal.AsSpan(_windowMarks)[i] |= NotExposureMark; // shown: no longer unexposed
                ForgetUnshown(user);
                _tally?.Shown(before, _window[i]);
            }
        }
    }

    private void CountUnshown(in WindowEntry entry)
    {
        if (!entry.Shown)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_unshown ??= [], entry.User, out _)++;
        }
    }

    private void ForgetUnshown(ulong account)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_unshown!, account);
        if (--count == 0)
        {
            _unshown!.Remove(account);
        }
    }

    /// <summary>The index of <paramref name="account"/>'s first window entry in [<paramref name="from"/>, <paramref name="end"/>), or -1: a vectorised search of the users beside the window.</summary>
    private int EntryOf(ulong account, int from, int end)
    {
        if (from >= end)
        {
            return -1;
        }

        var next = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_windowUsers)[from..end].IndexOf(account);
        return next < 0 ? -1 : from + next;
    }

    /// <summary>The index of the first window entry at or after <paramref name="ts"/>.</summary>
    public int WindowFrom(long ts)
    {
        int low = 0, high = _window.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_window[middle].Ts < ts)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Forgets window entries older than <paramref name="before"/>.</summary>
    public void ForgetWindowBefore(long before)
    {
        var stale = WindowFrom(before);
        if (stale > 0)
        {
            foreach (var entry in CollectionsMarshal.AsSpan(_window)[..stale])
            {
                if (!entry.Shown)
                {
                    ForgetUnshown(entry.User);
                }
            }

            _window.RemoveRange(0, stale);
            _windowUsers.RemoveRange(0, stale);
            _windowMarks.RemoveRange(0, stale);
            _tally?.Forgot(before);
        }

        if (_window.Count == 0)
        {
            _clear = null; // the groups it was for have left the window
            _unshown = null; // empty now: its table goes with the window
        }
    }

    /// <summary>Remembers an early engager for the ring signal (once each, up to <paramref name="capacity"/>).</summary>
    public void AddRingEngager(ulong user, int capacity)
    {
        if (RingEngagers.Count < capacity && _ringEngagerSet.Add(user))
        {
            RingEngagers.Add(user);
        }
    }

    public void ForgetMinutesBefore(long before)
    {
        // Removed as met: a Dictionary may lose entries while it is enumerated (.NET Core 3.0 and later), so no list of keys is made.
        foreach (var minute in _minutes.Keys)
        {
            if (minute + 60_000 <= before)
            {
                _minutes.Remove(minute);
            }
        }
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(CampaignId);
        writer.Write(CreatorId);
        writer.Write(ContentId);
        writer.Write(LastSeen);
        writer.Write(FirstSeen);
        writer.Write(_minutes.Count);
        foreach (var (minute, (all, suspicious, views)) in _minutes)
        {
            writer.Write(minute);
            writer.Write(all);
            writer.Write(suspicious);
            writer.Write(views);
        }

        writer.Write(Format is { } format ? (int)format : -1);
        writer.Write(RingEngagers, static (w, u) => w.Write(u));
        writer.Write(_window, static (w, entry) =>
        {
            w.Write(entry.Ts);
            w.Write(entry.User);
            w.Write(entry.Kind);
            w.Write((byte)((entry.Shown ? 1 : 0) | (entry.Newcomer ? 2 : 0) | (entry.Returning ? 4 : 0) | (entry.Praise ? 8 : 0) | (entry.Chat ? 16 : 0)));
            w.Write(entry.Print is not null);
            if (entry.Print is { } print)
            {
                w.Write(print.Length);
                foreach (var minimum in print.Minima)
                {
                    w.Write((long)minimum);
                }
            }
        });

        writer.Write(Incidents, static (w, incident) => incident.Save(w));
    }

    public static PostState Load(Snapshots.SnapshotReader reader)
    {
        var post = new PostState(reader.String(), reader.String(), reader.String())
        {
            LastSeen = reader.Long(),
            FirstSeen = reader.Long(),
        };
        reader.Each(r => post._minutes.Add(r.Long(), (r.Int(), r.Int(), r.Int())));
        var format = reader.Int();
        post.Format = format < 0 ? null : (Events.ContentFormat)format;
        reader.Each(r => post.AddRingEngager(r.ULong(), int.MaxValue));
        reader.Each(r =>
        {
            var ts = r.Long();
            var user = r.ULong();
            var kind = r.Byte();
            var facts = r.Byte();
            CommentPrint? print = null;
            if (r.Bool())
            {
                var length = r.Int();
                print = CommentPrint.Restore([.. Enumerable.Range(0, CommentPrint.Size).Select(_ => (uint)r.Long())], length);
            }

            post._windowUsers.Add(user);
            post._window.Add(new WindowEntry(ts, user, kind, (facts & 1) != 0, (facts & 2) != 0, (facts & 4) != 0, (facts & 8) != 0, (facts & 16) != 0, print));
            post._windowMarks.Add(MarksOf(post._window[^1])); // none known clear after a restore: the set is not saved
            post.CountUnshown(post._window[^1]);
        });
        reader.Each(r => post.Incidents.Add(PostIncident.Load(r)));
        return post;
    }
}
