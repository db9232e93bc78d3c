using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The oracle for <see cref="GroupSignals"/>: the group signals as they were computed before the post kept its tally
/// (session 12), by scanning the post's whole window for every judged engagement (quadratic in a window's engagements,
/// and plainly right). <c>GroupTallyTests</c> checks the tallied signals against it on random windows.
/// </summary>
internal sealed class ScanningGroupSignals(AuthenticityOptions o)
{
    private readonly HashSet<ulong> _commenters = [];
    private readonly HashSet<ulong> _unexposed = [];
    private readonly HashSet<ulong> _returners = [];
    private readonly HashSet<ulong> _recentEngagers = [];
    private readonly HashSet<ulong> _praisers = [];
    private readonly HashSet<ulong> _otherwise = [];
    private readonly HashSet<ulong> _alike = [];
    private readonly HashSet<ulong> _copies = [];
    private readonly HashSet<ulong> _exposureMembers = [];
    private readonly HashSet<ulong> _praiseMembers = [];
    private readonly HashSet<ulong> _templateMembers = [];
    private readonly List<WindowEntry> _run = [];
    private readonly Findings _findings = new();

    public Findings Of(PostState post, ulong userKey, long ts, bool chat)
    {
        var window = post.Window;
        var from = post.WindowFrom(ts - o.GroupWindowMs);
        var to = ts + o.JudgeLagMs;
        var commenters = Clear(_commenters);
        var unexposed = Clear(_unexposed);
        var returners = Clear(_returners);
        var recentEngagers = Clear(_recentEngagers);
        var praisers = Clear(_praisers);
        var otherwise = Clear(_otherwise); // accounts that did more than comment on the post in the window
        int engagements = 0, unexposedEngagements = 0;
        WindowEntry? own = null;
        CommentPrint? said = null;
        for (var i = from; i < window.Count && window[i].Ts <= to; i++)
        {
            var entry = window[i];
            if (!entry.IsEngagement || entry.Chat)
            {
                continue;
            }

            engagements++;
            var recent = entry.Ts >= ts - o.ReturnWindowMs;
            if (recent)
            {
                recentEngagers.Add(entry.User);
            }

            if (entry.Print is not null)
            {
                commenters.Add(entry.User);
            }

            if (entry.NewcomerPraise)
            {
                praisers.Add(entry.User);
            }
            else if (entry.Print is null)
            {
                otherwise.Add(entry.User);
            }

            if (entry.Unexposed)
            {
                unexposedEngagements++;
                unexposed.Add(entry.User);
            }

            if (entry.Returning && recent)
            {
                returners.Add(entry.User);
            }

            if (entry.User == userKey)
            {
                own = entry.Ts == ts ? entry : own ?? entry;
                said ??= entry.Print; // an account's like belongs to the wave its comment joins
            }
        }

        if (own is not { } mine || chat)
        {
            return _findings.Reset();
        }

        var exposureGap = mine.Unexposed && unexposedEngagements >= o.ExposureGapMin && unexposedEngagements >= o.ExposureGapShare * engagements;
        var returning = returners.Contains(userKey) && returners.Count >= o.ReturnMinAccounts && returners.Count >= o.ReturnMinShare * recentEngagers.Count;
        praisers.ExceptWith(otherwise); // bought comments are just that: a like, a save or a share beside one is a viewer's
        // A second factor: bought comments come from accounts delivered to comment, so they are most of the newcomers the
        // post was shown to (or shown to none); a real crowd that praises is a small part of a larger crowd that only looked.
        var praiseWave = praisers.Contains(userKey) && praisers.Count >= o.PraiseWaveMin && praisers.Count >= o.PraiseWaveShare * commenters.Count
            && praisers.Count >= o.PraiseWaveViewShare * post.NewcomerViews(ts - o.GroupWindowMs, to);
        var (template, copiesDominate) = said is { } print ? Template(post, from, to, print) : (false, false);

        // A group found reaches back further than the window it was found in: a batch delivered over a quarter of an hour
        // is one batch, though its first likes were judged before it was enough to see.
        var reach = post.WindowFrom(ts - o.GroupReachMs);
        var findings = _findings.Reset();
        findings.ExposureGap = exposureGap;
        findings.TemplateWave = template;
        findings.ReturningGroup = returning;
        findings.PraiseWave = praiseWave;
        findings.CopiesDominate = copiesDominate;
        findings.Unexposed = exposureGap ? Members(_exposureMembers, post, reach, to, ts, static e => e.Unexposed) : [];
        findings.Template = template ? TemplateMembers(post, reach, to, said!) : [];
        findings.Returners = returning ? returners : [];
        findings.Praisers = praiseWave ? Members(_praiseMembers, post, reach, to, ts, static e => e.NewcomerPraise, static e => e.Print is null) : [];
        return findings;
    }

    private static HashSet<ulong> Clear(HashSet<ulong> set)
    {
        set.Clear();
        return set;
    }

    /// <summary>
    /// The group's accounts: entries that <paramref name="member"/> holds, in the run through <paramref name="ts"/> whose
    /// consecutive entries are at most <see cref="AuthenticityOptions.MemberGapMs"/> apart (a batch arrives as one run;
    /// a follower whose impression went missing a quarter of an hour before it is not part of it), less the accounts
    /// with an entry that <paramref name="excluded"/> holds.
    /// </summary>
    private HashSet<ulong> Members(
        HashSet<ulong> members, PostState post, int from, long to, long ts, Func<WindowEntry, bool> member, Func<WindowEntry, bool>? excluded = null)
    {
        var window = post.Window;
        var run = _run;
        run.Clear();
        var others = Clear(_otherwise);
        var started = false;
        for (var i = from; i < window.Count && window[i].Ts <= to; i++)
        {
            var entry = window[i];
            if (!entry.IsEngagement || entry.Chat)
            {
                continue;
            }

            if (member(entry))
            {
                if (run.Count > 0 && entry.Ts - run[^1].Ts > o.MemberGapMs)
                {
                    if (started)
                    {
                        break; // the run through the judged event has ended
                    }

                    run.Clear();
                }

                run.Add(entry);
                started |= entry.Ts >= ts;
            }
            else if (excluded?.Invoke(entry) == true)
            {
                others.Add(entry.User);
            }
        }

        members.Clear();
        foreach (var entry in run)
        {
            if (!others.Contains(entry.User))
            {
                members.Add(entry.User);
            }
        }

        return members;
    }

    /// <summary>
    /// Whether <paramref name="print"/> is a template wave in the window, and whether its exact copies alone are much of
    /// what the window's commenters wrote.
    /// </summary>
    private (bool Template, bool CopiesDominate) Template(PostState post, int from, long to, CommentPrint print)
    {
        var window = post.Window;
        var alike = Clear(_alike);
        var copies = Clear(_copies);
        var commenters = Clear(_commenters);
        for (var i = from; i < window.Count && window[i].Ts <= to; i++)
        {
            if (window[i].Print is not { } other || window[i].Chat)
            {
                continue;
            }

            commenters.Add(window[i].User);
            var similarity = print.Similarity(other);
            if (similarity >= 1)
            {
                copies.Add(window[i].User);
            }

            if (other.Length >= o.TemplateMinChars && similarity >= o.TemplateSimilarity)
            {
                alike.Add(window[i].User);
            }
        }

        var copiesDominate = copies.Count >= o.TemplateMinShare * commenters.Count;
        if (print.Length >= o.TemplateMinChars)
        {
            return (alike.Count >= o.TemplateMinAccounts && alike.Count >= o.TemplateMinShare * commenters.Count, copiesDominate);
        }

        // A short line is everyone's: a template only when many accounts write exactly it and it is much of what the post hears.
        return (copies.Count >= o.TemplateMinAccounts && copiesDominate, copiesDominate);
    }

    /// <summary>The template's accounts in the reach: those whose comment is near-identical (a short line: identical) to <paramref name="print"/>.</summary>
    private HashSet<ulong> TemplateMembers(PostState post, int from, long to, CommentPrint print)
    {
        var window = post.Window;
        var members = Clear(_templateMembers);
        for (var i = from; i < window.Count && window[i].Ts <= to; i++)
        {
            if (window[i].Print is { } other && !window[i].Chat && (print.Length >= o.TemplateMinChars
                ? other.Length >= o.TemplateMinChars && print.Similarity(other) >= o.TemplateSimilarity
                : print.Similarity(other) >= 1))
            {
                members.Add(window[i].User);
            }
        }

        return members;
    }
}
