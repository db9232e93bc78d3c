namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The group signals on one post (docs/design.md, "Authenticity"), judged over the event's window: its post's engagements
/// from <see cref="AuthenticityOptions.GroupWindowMs"/> before the event to the judge lag after it (the dataflow judges
/// that late, so the group is there to see). Each looks at what one account cannot show and a group cannot hide:
/// <list type="bullet">
/// <item><c>exposure_gap</c>: most of the window's engagement comes from accounts never shown the post and new to its
/// creator, and this one is such an account (bought likes, scripts, farms; a follower whose impression went missing
/// upstream knows the creator, and genuine traffic loses about one impression in twenty, never most of a window);</item>
/// <item><c>template_wave</c>: enough accounts leave a near-identical comment on the post within the window, and they
/// are much of what it hears (MinHash of trigrams: case, punctuation, emoji and small edits aside). Short lines everyone
/// writes ("me!", "lol", "🔥") must be exact copies and dominate the window: a giveaway's entries repeat a handful of lines
/// each, a pod's wave is one line;</item>
/// <item><c>pod</c> (returning): the account came back to comment on a post it engaged long before, together with
/// enough others doing the same within minutes (<see cref="AuthenticityOptions.ReturnWindowMs"/>), and they are much of
/// the post's engagement then: a pod's next wave. Keen viewers come back to a post too, each on their own time, among
/// everyone else engaging it;</item>
/// <item><c>praise_wave</c>: generic comments (<see cref="GenericPraise.IsGeneric"/>) from accounts that came through
/// this post alone (new to its creator) and did nothing else on it, enough of them, much of what the post hears, and
/// much of the newcomers it was shown to: bought comments. A viral post draws newcomers too, but most of them only look,
/// and those who speak say varied things and like what they comment on; a creator's followers are no newcomers.</item>
/// </list>
/// A live stream's chat is left to who writes it: bursts of short, repeated lines from viewers who come and go are what
/// chat is. The counts come from the post's <see cref="GroupTally"/>, kept as the window slides; a comment's template and a
/// found group's members are read from the window. Keeps only scratch sets, reused from one judgement to the next (the
/// findings it returns hold them until the next call). Mutable; not thread-safe: one per classifier.
/// </summary>
internal sealed class GroupSignals(AuthenticityOptions o)
{
    private static readonly IReadOnlyCollection<ulong> NoMembers = [];

    private readonly HashSet<ulong> _returners = [];
    private readonly HashSet<ulong> _otherwise = [];
    private readonly HashSet<ulong> _exposureMembers = [];
    private readonly HashSet<ulong> _praiseMembers = [];
    private readonly HashSet<ulong> _templateMembers = [];
    private readonly List<int> _candidates = [];
    private readonly Findings _findings = new();

    public Findings Of(PostState post, ulong userKey, long ts, bool chat)
    {
        var windowFrom = ts - o.GroupWindowMs;
        var to = ts + o.JudgeLagMs;
        var tally = post.Group(o, windowFrom, Math.Max(windowFrom, ts - o.ReturnWindowMs), to);
        if (chat || Own(post, userKey, ts, windowFrom, to) is not { } mine)
        {
            return _findings.Reset();
        }

        var (said, returner, praiser) = tally.AccountOf(userKey, post); // an account's like belongs to the wave its comment joins
        var engagements = tally.Engagements;
        var unexposedEngagements = tally.UnexposedEngagements;
        var exposureGap = mine.Unexposed && unexposedEngagements >= o.ExposureGapMin && unexposedEngagements >= o.ExposureGapShare * engagements;
        var returning = returner && tally.Returners >= o.ReturnMinAccounts && tally.Returners >= o.ReturnMinShare * tally.RecentEngagers;
        // Bought comments are just that: a like, a save or a share beside one is a viewer's (GroupTally.Praisers). A second
        // factor: bought comments come from accounts delivered to comment, so they are most of the newcomers the post was
        // shown to (or shown to none); a real crowd that praises is a small part of a larger crowd that only looked.
        var praiseWave = praiser && tally.Praisers >= o.PraiseWaveMin && tally.Praisers >= o.PraiseWaveShare * tally.Commenters
            && tally.Praisers >= o.PraiseWaveViewShare * post.NewcomerViews(windowFrom, to);
        var (template, copiesDominate) = said is { } print ? Template(tally, print) : (false, false);

        // A group found reaches back further than the window it was found in: a batch delivered over a quarter of an hour
        // is one batch, though its first likes were judged before it was enough to see.
        var reach = post.WindowFrom(ts - o.GroupReachMs);
        var findings = _findings.Reset();
        findings.ExposureGap = exposureGap;
        findings.TemplateWave = template;
        findings.ReturningGroup = returning;
        findings.PraiseWave = praiseWave;
        findings.CopiesDominate = copiesDominate;
        // NoMembers, not []: beside a HashSet the conditional is a HashSet, and [] a new empty one each judgement.
        findings.Unexposed = exposureGap ? UnexposedMembers(post, reach, to, ts) : NoMembers;
        findings.Template = template ? TemplateMembers(post, reach, to, said!) : NoMembers;
        findings.Returners = returning ? tally.ReturnersInto(_returners) : NoMembers;
        findings.Praisers = praiseWave ? PraiseMembers(post, reach, to, ts) : NoMembers;
        return findings;
    }

    /// <summary>
    /// The judged engagement's own entry in the window: the account's last counted entry at <paramref name="ts"/>, or else
    /// its first in the window (its engagement at that time is always there, once observed).
    /// </summary>
    private static WindowEntry? Own(PostState post, ulong userKey, long ts, long from, long to)
    {
        var window = post.Entries;
        WindowEntry? own = null;
        for (var i = post.WindowFrom(ts); i < window.Length && window[i].Ts == ts; i++)
        {
            if (window[i].User == userKey && GroupTally.Counts(window[i]))
            {
                own = window[i];
            }
        }

        for (var i = post.WindowFrom(from); own is null && i < window.Length && window[i].Ts <= to; i++)
        {
            if (window[i].User == userKey && GroupTally.Counts(window[i]))
            {
                own = window[i];
            }
        }

        return own;
    }

    private static HashSet<ulong> Clear(HashSet<ulong> set)
    {
        set.Clear();
        return set;
    }

    /// <summary>
    /// <c>praise_wave</c>'s group: the accounts of newcomers' generic praise (<see cref="WindowEntry.NewcomerPraise"/>) in
    /// the run through <paramref name="ts"/> whose consecutive entries are at most
    /// <see cref="AuthenticityOptions.MemberGapMs"/> apart (a wave arrives as one run), less the accounts that also liked,
    /// saved or shared in what the scan read (a viewer's way) and those the post knows hold no engagement judged authentic
    /// there (<see cref="PostState.EntryKnownClear"/>: a wave is found again at each of its comments, and most of it was
    /// looked at already). Only when the reach holds an entry a revision may still find something of
    /// (<see cref="Candidates"/>) is the run scanned, and then only those entries are taken from it.
    /// </summary>
    private HashSet<ulong> PraiseMembers(PostState post, int from, long to, long ts)
    {
        var members = Clear(_praiseMembers);
        var end = post.WindowFrom(to + 1);
        var candidates = Candidates(post, PostState.GroupRule.Praise, from, end);
        if (candidates.Count == 0)
        {
            return members;
        }

        var window = post.Entries;
        var others = Clear(_otherwise);
        var runFirst = -1; // the run's first and last member entries, by index: the entries between that are not members stay out
        var runLast = -1;
        var started = false;
        for (var i = from; i < end; i++)
        {
            ref readonly var entry = ref window[i];
            if (!entry.IsEngagement || entry.Chat)
            {
                continue;
            }

            if (entry.NewcomerPraise)
            {
                if (runLast >= 0 && entry.Ts - window[runLast].Ts > o.MemberGapMs)
                {
                    if (started)
                    {
                        break; // the run through the judged event has ended
                    }

                    runFirst = -1; // a new run starts here
                }

                runFirst = runFirst < 0 ? i : runFirst;
                runLast = i;
                started |= entry.Ts >= ts;
            }
            else if (entry.Print is null)
            {
                others.Add(entry.User);
            }
        }

        foreach (var i in candidates)
        {
            if (i >= runFirst && i <= runLast && (others.Count == 0 || !others.Contains(window[i].User)))
            {
                members.Add(window[i].User); // in window order, as a revision marks them clear
            }
        }

        return members;
    }

    /// <summary>
    /// The entries in [<paramref name="from"/>, <paramref name="end"/>) that <paramref name="rule"/>'s group may take and
    /// whose account is not known clear, in window order: found by a vectorised search of the marks beside the window
    /// (<see cref="PostState.NextCandidate"/>), each then looked at. Valid until the next call.
    /// </summary>
    private List<int> Candidates(PostState post, PostState.GroupRule rule, int from, int end)
    {
        var candidates = _candidates;
        candidates.Clear();
        for (var i = post.NextCandidate(rule, from, end); i >= 0; i = post.NextCandidate(rule, i + 1, end))
        {
            if (PostState.Takes(rule, post.Entries[i]) && !post.EntryKnownClear(i))
            {
                candidates.Add(i);
            }
        }

        return candidates;
    }

    /// <summary>
    /// <c>exposure_gap</c>'s group: the accounts of engagements never shown the post and new to its creator, in the run
    /// through <paramref name="ts"/> whose consecutive entries are at most <see cref="AuthenticityOptions.MemberGapMs"/>
    /// apart (a batch arrives as one run; a follower whose impression went missing a quarter of an hour before it is not
    /// part of it), less the accounts the post knows hold no engagement judged authentic there. A bought batch is found
    /// again at each of its engagements, and by then nearly all of it is known clear, so scanning its run from the run's
    /// start every time made a batch quadratic (docs/design.md, "Per-event cost"). Here the reach's entries that a
    /// revision may still find something of come first (<see cref="Candidates"/>); only when there are any is the run
    /// walked, from the judged event and only as far as they lie.
    /// </summary>
    private HashSet<ulong> UnexposedMembers(PostState post, int from, long to, long ts)
    {
        var members = Clear(_exposureMembers);
        var window = post.Entries;
        var end = post.WindowFrom(to + 1);
        var candidates = Candidates(post, PostState.GroupRule.Exposure, from, end);
        if (candidates.Count > 0)
        {
            var (first, last) = UnexposedRun(window, from, post.WindowFrom(ts), end, candidates[0], candidates[^1]);
            foreach (var i in candidates)
            {
                if (i >= first && i <= last)
                {
                    members.Add(window[i].User); // in window order, as a revision marks them clear
                }
            }
        }

        return members;
    }

    private static bool UnexposedMember(in WindowEntry entry) => PostState.Takes(PostState.GroupRule.Exposure, entry);

    /// <summary>
    /// The bounds of the run of unexposed engagements in [<paramref name="from"/>, <paramref name="end"/>) that a scan from
    /// <paramref name="from"/> keeps (consecutive ones at most <see cref="AuthenticityOptions.MemberGapMs"/> apart): the
    /// run through the first at or after <paramref name="atTs"/>, else the last run (as <see cref="PraiseMembers"/>
    /// scans). Walked from that entry only as far as [<paramref name="lowest"/>, <paramref name="highest"/>] needs: a
    /// member entry in that span is in the run exactly when it lies within the bounds returned.
    /// </summary>
    private (int First, int Last) UnexposedRun(ReadOnlySpan<WindowEntry> window, int from, int atTs, int end, int lowest, int highest)
    {
        var pivot = -1;
        for (var i = atTs; pivot < 0 && i < end; i++)
        {
            pivot = UnexposedMember(window[i]) ? i : -1;
        }

        for (var i = Math.Min(atTs, end) - 1; pivot < 0 && i >= from; i--)
        {
            pivot = UnexposedMember(window[i]) ? i : -1; // none at or after the event: the last run is the one kept
        }

        if (pivot < 0)
        {
            return (0, -1);
        }

        var last = pivot;
        for (var i = pivot + 1; i <= highest && i < end; i++)
        {
            if (UnexposedMember(window[i]))
            {
                if (window[i].Ts - window[last].Ts > o.MemberGapMs)
                {
                    break;
                }

                last = i;
            }
        }

        var first = pivot;
        for (var i = pivot - 1; i >= lowest && i >= from; i--)
        {
            if (UnexposedMember(window[i]))
            {
                if (window[first].Ts - window[i].Ts > o.MemberGapMs)
                {
                    break;
                }

                first = i;
            }
        }

        return (first, last);
    }

    /// <summary>
    /// Whether <paramref name="print"/> is a template wave in the window, and whether its exact copies alone are much of
    /// what the window's commenters wrote (counted by the post's tally, not by comparing every comment).
    /// </summary>
    private (bool Template, bool CopiesDominate) Template(GroupTally tally, CommentPrint print)
    {
        var copies = tally.Copies(print);
        var copiesDominate = copies >= o.TemplateMinShare * tally.Commenters;
        if (print.Length >= o.TemplateMinChars)
        {
            // Counted only as far as the template needs (the share's product rounded up, so an integer count reaches it
            // exactly when it reaches the product): in a wave every comment is near, and each judgement would count them all.
            var enough = Math.Max(o.TemplateMinAccounts, (int)Math.Min(int.MaxValue, Math.Ceiling(o.TemplateMinShare * tally.Commenters)));
            return (tally.Alike(print, o.TemplateMinChars, enough) >= enough, copiesDominate);
        }

        // A short line is everyone's: a template only when many accounts write exactly it and it is much of what the post hears.
        return (copies >= o.TemplateMinAccounts && copiesDominate, copiesDominate);
    }

    /// <summary>
    /// The template's accounts in the reach that a revision may still find something of: those whose comment is
    /// near-identical (a short line: identical) to <paramref name="print"/>, less those the post knows are clear.
    /// </summary>
    private HashSet<ulong> TemplateMembers(PostState post, int from, long to, CommentPrint print)
    {
        var window = post.Entries;
        var members = Clear(_templateMembers);
        foreach (var i in Candidates(post, PostState.GroupRule.Template, from, post.WindowFrom(to + 1)))
        {
            var other = window[i].Print!;
            if (print.Length >= o.TemplateMinChars
                ? other.Length >= o.TemplateMinChars && print.Similarity(other) >= o.TemplateSimilarity
                : print.Similarity(other) >= 1)
            {
                members.Add(window[i].User);
            }
        }

        return members;
    }
}
