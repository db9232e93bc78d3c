using System.Globalization;
using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Content;

/// <summary>
/// A brand's posts, deliverables and compliance findings (docs/design.md, "Content"). Fed in event-time order by the
/// brand processor: post reports and clicks as the watermark passes them, authentic shares as they are judged, and the
/// due frontier at ticks. Writes every record it changes into the batch's <see cref="ContentDelta"/> and raises
/// <c>deliverable_missing</c> alerts. Deterministic; not thread-safe (one brand task).
/// </summary>
public sealed class ContentTracker
{
    /// <summary>Hours of a post's share curve: the first week after its origin. Later shares count in the total only.</summary>
    public const int ShareCurveHours = 168;

    /// <summary>Characters of a caption kept as a flag's evidence.</summary>
    public const int ExcerptChars = 200;

    private const long HourMs = 3_600_000;

    /// <summary>
    /// How long after a due time a deliverable waits for its posts' reports before it is late: a post live by its due
    /// time is often reported minutes later (a platform's export, a creator's tool), and an alert that it is missing
    /// would be a false alarm. Event time, an hour: the allowed lateness of the stream's own events.
    /// </summary>
    public const long ReportGraceMs = 3_600_000;

    /// <summary>Distinct wrong link ids flagged per post from its clicks.</summary>
    public const int MaxClickFlagsPerPost = 8;

    private readonly CampaignCatalog _catalog;
    private readonly Dictionary<PostRef, PostState> _posts = [];
    private readonly Dictionary<(string CampaignId, string CreatorId), List<PostRef>> _postsOfCreator = [];
    private readonly Dictionary<string, ComplianceFlag> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CampaignId, string CreatorId), List<Deliverable>> _deliverables = [];
    private readonly Dictionary<(string CampaignId, string LinkId), string> _linkOwners = [];
    private readonly Dictionary<string, List<(string LinkId, string Owner)>> _linksOfCampaign = new(StringComparer.Ordinal);
    private readonly HashSet<PostRef> _changedPosts = [];
    private readonly Dictionary<PostRef, int> _clickFlagsOfPost = [];
    private long _alertedThrough = long.MinValue;
    private long _dueFrontier = long.MinValue;

    public ContentTracker(CampaignCatalog brandCatalog)
    {
        _catalog = brandCatalog;
        foreach (var campaign in brandCatalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                var list = (creator.Deliverables ?? []).Select((d, i) => new Deliverable(campaign.CampaignId, creator.CreatorId, i, d)).ToList();
                if (list.Count > 0)
                {
                    _deliverables[(campaign.CampaignId, creator.CreatorId)] = list;
                }

                foreach (var link in creator.Links)
                {
                    if (_linkOwners.TryAdd((campaign.CampaignId, link), creator.CreatorId))
                    {
                        LinksOf(campaign.CampaignId).Add((link, creator.CreatorId));
                    }
                }
            }
        }
    }

    /// <summary>A post report: its state replaced, compliance judged again, its creator's deliverables recounted.</summary>
    public void Observe(PostEvent e, ContentDelta delta, List<Alert> alerts, long wallClockMs)
    {
        var post = new PostRef(e.CampaignId, e.CreatorId, e.Platform, e.ContentId);
        var state = StateOf(post);

        if (state.Reported && (e.Ts < state.UpdatedAt || (e.Ts == state.UpdatedAt && string.CompareOrdinal(e.EventId, state.UpdatedId) < 0)))
        {
            return; // a report older than one already taken (it came late): the post is as the newer one says
        }

        // Every event before this report has been observed: deliverables due by then are judged first, whatever ticks ran.
        CheckDue(e.Ts, delta, alerts, wallClockMs);
        state.Reported = true;
        state.UpdatedId = e.EventId;
        state.Format = e.ContentFormat;
        state.PublishedAt = e.PublishedAt;
        state.UpdatedAt = e.Ts;
        state.LastAction = e.Action;
        if (e.Action == PostAction.Deleted)
        {
            state.DeletedAt = e.Ts;
        }
        else
        {
            state.DeletedAt = null; // published again, or edited: live
            state.Caption = e.Caption;
            state.Hashtags = e.Hashtags;
            state.Links = e.Links;
            state.Label = e.PaidPartnershipLabel;
            state.MentionsBrand = _catalog.TryGet(e.CampaignId, out var campaign) && MentionsBrand(e, campaign.BrandTerms);
            Judge(post, state, e.Ts, delta);
        }

        _changedPosts.Add(post);
        Recount(e.CampaignId, e.CreatorId, delta, alerts, wallClockMs);
    }

    /// <summary>
    /// Whether a post names the brand (docs/design.md, "Content", brand mentions): a brand name or handle from the campaign
    /// file as a whole word in its caption, or among its mentions or hashtags (with or without their '@' or '#').
    /// </summary>
    private static bool MentionsBrand(PostEvent e, IReadOnlyList<string> brandTerms)
    {
        foreach (var term in brandTerms)
        {
            var bare = term.TrimStart('@', '#');
            if (DisclosureText.IndexOfWord(e.Caption ?? "", term) >= 0
                || e.Mentions.Any(m => string.Equals(m.TrimStart('@'), bare, StringComparison.OrdinalIgnoreCase))
                || e.Hashtags.Any(h => string.Equals(h.TrimStart('#'), bare, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A click the watermark passed: a link id that is not its creator's raises or grows a mismatch on its post.</summary>
    public void ObserveClick(Click click, ContentDelta delta)
    {
        var owner = _linkOwners.GetValueOrDefault((click.CampaignId, click.LinkId));
        if (owner == click.CreatorId)
        {
            return;
        }

        var post = new PostRef(click.CampaignId, click.CreatorId, click.Platform, click.ContentId);
        var id = ContentIds.Flag(ComplianceKinds.LinkMismatch, post, "click:" + click.LinkId);
        if (!_flags.ContainsKey(id) && !_clickFlagsOfPost.TryAdd(post, 1) && _clickFlagsOfPost[post]++ >= MaxClickFlagsPerPost)
        {
            return; // a post's first few wrong link ids are its evidence; a flood of made-up ones is not more of it
        }

        var clicks = (_flags.TryGetValue(id, out var existing) ? existing.Evidence.Clicks ?? 0 : 0) + 1;
        var flag = existing is not null
            ? existing with { Evidence = existing.Evidence with { Clicks = clicks } }
            : new ComplianceFlag
            {
                FlagId = id,
                Kind = ComplianceKinds.LinkMismatch,
                CampaignId = post.CampaignId,
                CreatorId = post.CreatorId,
                Platform = WireNames.Of(post.Platform),
                ContentId = post.ContentId,
                RaisedAt = click.Ts,
                Summary = owner is null
                    ? $"Clicks on this post carry link id '{click.LinkId}', which belongs to no creator of the campaign."
                    : $"Clicks on this post carry link id '{click.LinkId}', which belongs to {owner}.",
                Evidence = new ComplianceEvidence { Link = click.LinkId, LinkOwner = owner, Clicks = clicks },
            };
        _flags[id] = flag;
        delta.Flags[(post.CampaignId, id)] = flag;
    }

    /// <summary>
    /// A platform's figures for one of the post's days: they replace what an earlier import said of that day, so
    /// importing an export again changes nothing, and a corrected export corrects it.
    /// </summary>
    public void ObserveInsight(Insight insight, ContentDelta delta)
    {
        var post = new PostRef(insight.CampaignId, insight.CreatorId, insight.Platform, insight.ContentId);
        StateOf(post).Insights[insight.Day] = new InsightDay(insight.Source, insight.Ts, insight.Impressions, insight.Reach, insight.Likes, insight.Comments, insight.Shares, insight.Saves);
        _changedPosts.Add(post);
    }

    /// <summary>An authentic share, as judged: counted into its post's curve by hours since the post's origin.</summary>
    public void ObserveShare(AudienceEvent share, ContentDelta delta)
    {
        var post = new PostRef(share.CampaignId, share.CreatorId, share.Platform, share.ContentId);
        var state = StateOf(post);

        state.AddShare(share.Ts);
        _changedPosts.Add(post);
    }

    /// <summary>
    /// Writes the records of the posts changed since the last call into <paramref name="delta"/>, once each: a busy post's
    /// shares change it many times a batch, and a record is made per batch, not per share.
    /// </summary>
    public void Publish(ContentDelta delta)
    {
        foreach (var post in _changedPosts)
        {
            delta.Posts[(post.CampaignId, post.Field)] = _posts[post].Record(post);
        }

        _changedPosts.Clear();
    }

    /// <summary>
    /// Event time reached <paramref name="frontier"/>: every deliverable due by then and not complete is late, raised as a
    /// <c>deliverable_missing</c> alert once.
    /// </summary>
    public void CheckDue(long frontier, ContentDelta delta, List<Alert> alerts, long wallClockMs)
    {
        if (frontier <= _dueFrontier)
        {
            return;
        }

        var previous = _dueFrontier;
        _dueFrontier = frontier;
        foreach (var ((campaignId, creatorId), list) in _deliverables)
        {
            // The first frontier writes every deliverable's record, so the tracker lists what is due before anything is posted.
            if (previous == long.MinValue || list.Exists(d => d.LateFromMs > previous && d.LateFromMs <= frontier))
            {
                Recount(campaignId, creatorId, delta, alerts, wallClockMs);
            }
        }
    }

    /// <summary>What the tracker keeps of <paramref name="post"/>, made (and listed under its creator) when first met.</summary>
    private PostState StateOf(PostRef post)
    {
        if (!_posts.TryGetValue(post, out var state))
        {
            state = new PostState();
            _posts[post] = state;
            PostsOf(post.CampaignId, post.CreatorId).Add(post);
        }

        return state;
    }

    private List<PostRef> PostsOf(string campaignId, string creatorId)
    {
        if (!_postsOfCreator.TryGetValue((campaignId, creatorId), out var list))
        {
            list = [];
            _postsOfCreator[(campaignId, creatorId)] = list;
        }

        return list;
    }

    /// <summary>
    /// Assigns a creator's live posts to their deliverables, in publication order: deliverables naming a format first, then
    /// those that take any, each by its due date; a post counts towards one deliverable only.
    /// </summary>
    private void Recount(string campaignId, string creatorId, ContentDelta delta, List<Alert> alerts, long wallClockMs)
    {
        if (!_deliverables.TryGetValue((campaignId, creatorId), out var list))
        {
            return;
        }

        var live = PostsOf(campaignId, creatorId)
            .Where(p => _posts[p] is { Reported: true, DeletedAt: null })
            .OrderBy(p => _posts[p].PublishedAt).ThenBy(p => p.ContentId, StringComparer.Ordinal).ThenBy(p => p.Platform)
            .ToList();
        var claimed = new HashSet<PostRef>();
        foreach (var deliverable in list.OrderBy(d => d.Format is null).ThenBy(d => d.DueMs).ThenBy(d => d.Index))
        {
            deliverable.Posts.Clear();
            foreach (var post in live)
            {
                if (deliverable.Posts.Count == deliverable.Config.Posts)
                {
                    break;
                }

                if (post.Platform == deliverable.Platform && (deliverable.Format is not { } format || _posts[post].Format == format) && claimed.Add(post))
                {
                    deliverable.Posts.Add((post.ContentId, _posts[post].PublishedAt));
                }
            }

            var record = deliverable.Record(this);
            if (!SameStanding(record, deliverable.Last))
            {
                deliverable.Last = record;
                delta.Deliverables[(campaignId, record.DeliverableId)] = record;
            }

            if (record.Status == DeliverableStatus.Late && !deliverable.Alerted && deliverable.DueMs > _alertedThrough)
            {
                deliverable.Alerted = true;
                alerts.Add(MissingAlert(deliverable, record, wallClockMs));
            }
        }
    }

    private static bool SameStanding(DeliverableRecord record, DeliverableRecord? last) =>
        last is not null && record.Status == last.Status && record.Posted == last.Posted && record.CompletedAt == last.CompletedAt
        && record.ContentIds.SequenceEqual(last.ContentIds, StringComparer.Ordinal);

    private static Alert MissingAlert(Deliverable deliverable, DeliverableRecord record, long wallClockMs)
    {
        var what = $"{record.Count} {record.Format ?? "post"}{(record.Count == 1 ? "" : "s")} on {record.Platform}";
        return new Alert
        {
            AlertId = $"{AlertKinds.DeliverableMissing}:{record.CampaignId}:{record.CreatorId}:{deliverable.Index}",
            Kind = AlertKinds.DeliverableMissing,
            CampaignId = record.CampaignId,
            CreatorId = record.CreatorId,
            WindowStart = record.Due,
            WindowEnd = record.Due,
            DetectedAtMs = wallClockMs,
            Details = new JsonObject
            {
                ["deliverable_id"] = record.DeliverableId,
                ["platform"] = record.Platform,
                ["format"] = record.Format,
                ["count"] = record.Count,
                ["posted"] = record.Posted,
                ["due"] = record.Due,
                ["missing"] = $"{record.Count - record.Posted} of {what}, due {DateTimeOffset.FromUnixTimeMilliseconds(record.Due):yyyy-MM-dd HH:mm} UTC",
                ["recommendation"] = $"Follow up with {record.CreatorId}: {record.Count - record.Posted} of {what} was due {DateTimeOffset.FromUnixTimeMilliseconds(record.Due):yyyy-MM-dd HH:mm} UTC and has not been posted. Ask for a date, and hold payment terms tied to it until it is live.",
            },
        };
    }

    /// <summary>Judges a live post's latest report against the rules, raising, updating or clearing its flags.</summary>
    private void Judge(PostRef post, PostState state, long ts, ContentDelta delta)
    {
        // A creator taken out of the campaign file since the report was written (a restore re-reading the log): nothing to judge against.
        if (!_catalog.TryGet(post.CampaignId, out var campaign) || campaign.Creators.FirstOrDefault(c => c.CreatorId == post.CreatorId) is not { } creator)
        {
            return;
        }

        var findings = new List<(string Kind, string? Subject, string Summary, ComplianceEvidence Evidence)>();
        var excerpt = state.Caption is { } caption ? Excerpt(caption) : null;

        if (state.Label != true)
        {
            var terms = campaign.CompliancePolicy.Terms;
            var inCaption = DisclosureText.FindFirst(state.Caption, terms);
            var inTags = state.Hashtags.FirstOrDefault(tag => terms.Contains(tag.StartsWith('#') ? tag : "#" + tag, StringComparer.OrdinalIgnoreCase));
            if (inCaption is null && inTags is null)
            {
                findings.Add((ComplianceKinds.DisclosureMissing, null,
                    "No disclosure: the caption and hashtags carry none of the campaign's disclosure terms, and the platform's paid-partnership label is not set.",
                    new ComplianceEvidence { CaptionExcerpt = excerpt, PaidPartnershipLabel = state.Label }));
            }
            else if (campaign.CompliancePolicy.Previews.TryGetValue(WireNames.Of(post.Platform), out var preview))
            {
                // Hashtags listed apart from the caption are shown after it.
                var (term, position) = inCaption is { } found
                    ? (found.Term, DisclosureText.VisibleCharsBefore(state.Caption!, found.Index))
                    : (inTags!,
                        state.Caption is null ? 0 : DisclosureText.VisibleCharsBefore(state.Caption, state.Caption.Length));
                if (position >= preview)
                {
                    findings.Add((ComplianceKinds.DisclosureBuried, null,
                        $"The disclosure '{term}' starts at character {position + 1}, after the {preview} characters {WireNames.Of(post.Platform)} shows before 'more'.",
                        new ComplianceEvidence { CaptionExcerpt = excerpt, PaidPartnershipLabel = state.Label, Term = term, TermPosition = position, PreviewChars = preview }));
                }
            }
        }

        var ownLinks = false;
        foreach (var link in state.Links)
        {
            var owner = OwnerOf(post.CampaignId, link);
            if (owner == post.CreatorId)
            {
                ownLinks = true;
            }
            else if (owner is not null)
            {
                findings.Add((ComplianceKinds.LinkMismatch, "post:" + link,
                    $"The post links '{link}', which belongs to {owner}.",
                    new ComplianceEvidence { Link = link, LinkOwner = owner }));
            }
        }

        var expected = creator.Links.Concat(creator.PromoCodes).ToList();
        if (expected.Count > 0 && !ownLinks
            && !creator.Links.Any(l => DisclosureText.IndexOfWord(state.Caption ?? "", l) >= 0)
            && !creator.PromoCodes.Any(code => DisclosureText.IndexOfWord(state.Caption ?? "", code) >= 0))
        {
            findings.Add((ComplianceKinds.UntrackedPost, null,
                "The post carries none of the creator's tracked links or promo codes: its sales cannot be traced to it.",
                new ComplianceEvidence { CaptionExcerpt = excerpt, Expected = expected }));
        }

        state.DisclosureFinding = findings.Exists(f => f.Kind == ComplianceKinds.DisclosureMissing) ? "missing"
            : findings.Exists(f => f.Kind == ComplianceKinds.DisclosureBuried) ? "buried"
            : null;
        var standing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, subject, summary, evidence) in findings)
        {
            var id = ContentIds.Flag(kind, post, subject);
            standing.Add(id);
            var flag = _flags.TryGetValue(id, out var existing)
                ? existing with { ClearedAt = null, Summary = summary, Evidence = evidence }
                : new ComplianceFlag
                {
                    FlagId = id,
                    Kind = kind,
                    CampaignId = post.CampaignId,
                    CreatorId = post.CreatorId,
                    Platform = WireNames.Of(post.Platform),
                    ContentId = post.ContentId,
                    RaisedAt = ts,
                    Summary = summary,
                    Evidence = evidence,
                };
            if (flag != existing)
            {
                _flags[id] = flag;
                delta.Flags[(post.CampaignId, id)] = flag;
            }
        }

        foreach (var id in state.FlagIds)
        {
            if (!standing.Contains(id) && _flags[id] is { ClearedAt: null } open)
            {
                var cleared = open with { ClearedAt = ts };
                _flags[id] = cleared;
                delta.Flags[(post.CampaignId, id)] = cleared;
            }
        }

        state.FlagIds.UnionWith(standing);
    }

    private List<(string LinkId, string Owner)> LinksOf(string campaignId)
    {
        if (!_linksOfCampaign.TryGetValue(campaignId, out var list))
        {
            list = [];
            _linksOfCampaign[campaignId] = list;
        }

        return list;
    }

    /// <summary>The caption's first <see cref="ExcerptChars"/> characters as readers see them (an emoji is not cut in two).</summary>
    private static string Excerpt(string caption)
    {
        var info = new System.Globalization.StringInfo(caption);
        return info.LengthInTextElements <= ExcerptChars ? caption : info.SubstringByTextElements(0, ExcerptChars);
    }

    /// <summary>
    /// Deliverables due at or before <paramref name="through"/> are taken as alerted already: a task restored from a
    /// snapshot older than the content tracker knows no post reported before the restore, and would otherwise send
    /// every creator a missing-deliverable alert for what they may well have posted.
    /// </summary>
    public void AssumeAlertedThrough(long through) => _alertedThrough = through;

    /// <summary>The creator a link belongs to: equal to one of their link ids, or a URL holding it between separators.</summary>
    private string? OwnerOf(string campaignId, string link)
    {
        if (_linkOwners.TryGetValue((campaignId, link), out var exact))
        {
            return exact;
        }

        foreach (var (linkId, owner) in LinksOf(campaignId))
        {
            if (IndexOfToken(link, linkId))
            {
                return owner;
            }
        }

        return null;
    }

    private static bool IndexOfToken(string url, string linkId)
    {
        var index = url.IndexOf(linkId, StringComparison.OrdinalIgnoreCase);
        while (index >= 0)
        {
            var end = index + linkId.Length;
            var before = index == 0 || url[index - 1] is '/' or '?' or '=' or '&' or '#';
            var after = end == url.Length || url[end] is '/' or '?' or '=' or '&' or '#';
            if (before && after)
            {
                return true;
            }

            index = url.IndexOf(linkId, index + 1, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>Writes everything the tracker remembers (brand snapshot format 10 and later).</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_dueFrontier);
        writer.Write(_alertedThrough);
        writer.Write(_clickFlagsOfPost, static (w, p) =>
        {
            w.Write(p.CampaignId);
            w.Write(p.CreatorId);
            w.Write((byte)p.Platform);
            w.Write(p.ContentId);
        }, static (w, n) => w.Write(n));
        writer.Write(_posts, static (w, p) =>
        {
            w.Write(p.CampaignId);
            w.Write(p.CreatorId);
            w.Write((byte)p.Platform);
            w.Write(p.ContentId);
        }, static (w, s) => s.Save(w));
        writer.Write(_flags.Values, static (w, f) => w.Write(ContentJson.Write(f)));
        writer.Write(_deliverables.Values.SelectMany(l => l).ToList(), static (w, d) =>
        {
            w.Write(d.CampaignId);
            w.Write(d.CreatorId);
            w.Write(d.Index);
            w.Write(d.Alerted);
            w.Write(d.Last is { } last ? ContentJson.Write(last) : null);
        });
    }

    public void Load(Snapshots.SnapshotReader reader)
    {
        _dueFrontier = reader.Long();
        if (reader.Format >= Dataflow.BrandTask.SentimentFormat)
        {
            _alertedThrough = reader.Long();
            reader.Into(_clickFlagsOfPost, static r => new PostRef(r.String(), r.String(), (Platform)r.Byte(), r.String()), static r => r.Int());
        }

        reader.Each(r =>
        {
            var post = new PostRef(r.String(), r.String(), (Platform)r.Byte(), r.String());
            _posts[post] = PostState.Load(r);
            PostsOf(post.CampaignId, post.CreatorId).Add(post);
        });
        reader.Each(r =>
        {
            var flag = ContentJson.ReadFlag(r.String());
            _flags[flag.FlagId] = flag;
        });
        reader.Each(r =>
        {
            var (campaignId, creatorId, index, alerted) = (r.String(), r.String(), r.Int(), r.Bool());
            var last = r.NullableString() is { } json ? ContentJson.ReadDeliverable(json) : null;
            if (_deliverables.TryGetValue((campaignId, creatorId), out var list) && index < list.Count)
            {
                list[index].Alerted = alerted;
                list[index].Last = last;
            }
        });
    }

    /// <summary>What the tracker keeps of one post.</summary>
    private sealed class PostState
    {
        private int[]? _curve;

        public bool Reported;
        public ContentFormat? Format;
        public long? PublishedAt;
        public long? UpdatedAt;
        public string? UpdatedId;
        public long? DeletedAt;
        public PostAction? LastAction;
        public string? Caption;
        public IReadOnlyList<string> Hashtags = [];
        public IReadOnlyList<string> Links = [];
        public bool? Label;
        public bool MentionsBrand;
        public readonly HashSet<string> FlagIds = new(StringComparer.Ordinal);
        public long Shares;
        public long? ShareOrigin;
        public bool OriginIsPublication;
        public long LastShareTs;

        /// <summary>Imported insights by the day they cover, in day order.</summary>
        public readonly SortedDictionary<DateOnly, InsightDay> Insights = [];

        public void AddShare(long ts)
        {
            if (ShareOrigin is null)
            {
                OriginIsPublication = PublishedAt is not null;
                ShareOrigin = PublishedAt ?? ts;
            }

            Shares++;
            LastShareTs = Math.Max(LastShareTs, ts);
            var hour = (ts - ShareOrigin.Value) / HourMs;
            if (hour < ShareCurveHours)
            {
                _curve ??= new int[ShareCurveHours];
                _curve[Math.Max(0, hour)]++; // a share stamped before its post's publication counts in the first hour
            }
        }

        public PostRecord Record(PostRef post)
        {
            var peak = 0;
            for (var i = 1; _curve is not null && i < _curve.Length; i++)
            {
                peak = _curve[i] > _curve[peak] ? i : peak;
            }

            return new PostRecord
            {
                CampaignId = post.CampaignId,
                CreatorId = post.CreatorId,
                Platform = WireNames.Of(post.Platform),
                ContentId = post.ContentId,
                ContentFormat = Format is { } format ? WireNames.Of(format) : null,
                PublishedAt = Reported ? PublishedAt : null,
                LastAction = LastAction is { } action ? WireNames.Of(action) : null,
                UpdatedAt = UpdatedAt,
                DeletedAt = DeletedAt,
                Disclosure = !Reported ? null : Disclosure(),
                MentionsBrand = Reported ? MentionsBrand : null,
                Shares = Shares == 0 ? ShareVelocity.None : new ShareVelocity
                {
                    Total = Shares,
                    PerHour = Shares / Math.Max(1.0, (LastShareTs - ShareOrigin!.Value) / (double)HourMs),
                    PeakHourShares = _curve?[peak] ?? 0,
                    TimeToPeakHours = _curve is null ? null : peak,
                    Origin = OriginIsPublication ? "published" : "first_share",
                },
                PlatformReported = PlatformFigures(),
            };
        }

        private PlatformReported? PlatformFigures()
        {
            if (Insights.Count == 0)
            {
                return null;
            }

            var days = Insights.Values;
            var latest = days.MaxBy(d => d.Ts)!;
            return new PlatformReported
            {
                Source = latest.Source,
                Days = Insights.Count,
                FirstDay = Insights.Keys.First().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                LastDay = Insights.Keys.Last().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ImportedAt = latest.Ts,
                Impressions = Sum(days, d => d.Impressions),
                ReachMaxDay = days.Any(d => d.Reach is not null) ? days.Max(d => d.Reach) : null,
                Likes = Sum(days, d => d.Likes),
                Comments = Sum(days, d => d.Comments),
                Shares = Sum(days, d => d.Shares),
                Saves = Sum(days, d => d.Saves),
            };
        }

        private static long? Sum(IEnumerable<InsightDay> days, Func<InsightDay, long?> figure) =>
            days.Aggregate((long?)null, (sum, day) => figure(day) is { } value ? (sum ?? 0) + value : sum);

        /// <summary>Set by the tracker's judgement: which disclosure finding stands.</summary>
        public string? DisclosureFinding;

        private string Disclosure() => Label == true ? "label" : DisclosureFinding ?? "caption";

        public void Save(Snapshots.SnapshotWriter w)
        {
            w.Write(Reported);
            w.Write(Format is { } f ? (int)f : -1);
            w.Write(PublishedAt);
            w.Write(UpdatedAt);
            w.Write(UpdatedId);
            w.Write(DeletedAt);
            w.Write(LastAction is { } a ? (int)a : -1);
            w.Write(Caption);
            w.Write(Hashtags, static (w2, s) => w2.Write(s));
            w.Write(Links, static (w2, s) => w2.Write(s));
            w.Write(Label is { } label ? (label ? 1 : 0) : -1);
            w.Write(FlagIds, static (w2, s) => w2.Write(s));
            w.Write(DisclosureFinding);
            w.Write(Shares);
            w.Write(ShareOrigin);
            w.Write(OriginIsPublication);
            w.Write(LastShareTs);
            w.Write(MentionsBrand);
            w.Write(Insights.ToList(), static (w2, day) =>
            {
                w2.Write(day.Key.DayNumber);
                w2.Write(day.Value.Source);
                w2.Write(day.Value.Ts);
                foreach (var figure in (long?[])[day.Value.Impressions, day.Value.Reach, day.Value.Likes, day.Value.Comments, day.Value.Shares, day.Value.Saves])
                {
                    w2.Write(figure);
                }
            });
            w.Write(_curve is not null);
            if (_curve is not null)
            {
                foreach (var count in _curve)
                {
                    w.Write(count);
                }
            }
        }

        public static PostState Load(Snapshots.SnapshotReader r)
        {
            var s = new PostState { Reported = r.Bool() };
            var format = r.Int();
            s.Format = format < 0 ? null : (ContentFormat)format;
            s.PublishedAt = r.NullableLong();
            s.UpdatedAt = r.NullableLong();
            s.UpdatedId = r.Format >= Dataflow.BrandTask.SentimentFormat ? r.NullableString() : null;
            s.DeletedAt = r.NullableLong();
            var action = r.Int();
            s.LastAction = action < 0 ? null : (PostAction)action;
            s.Caption = r.NullableString();
            s.Hashtags = r.List(x => x.String());
            s.Links = r.List(x => x.String());
            var label = r.Int();
            s.Label = label < 0 ? null : label == 1;
            s.FlagIds.UnionWith(r.List(x => x.String()));
            s.DisclosureFinding = r.NullableString();
            s.Shares = r.Long();
            s.ShareOrigin = r.NullableLong();
            s.OriginIsPublication = r.Bool();
            s.LastShareTs = r.Long();
            s.MentionsBrand = r.Format >= Dataflow.BrandTask.SentimentSpikesFormat && r.Bool(); // older: known again at the post's next report
            if (r.Format >= Dataflow.BrandTask.InsightsFormat)
            {
                r.Each(x =>
                {
                    var day = DateOnly.FromDayNumber(x.Int());
                    s.Insights[day] = new InsightDay(x.String(), x.Long(), x.NullableLong(), x.NullableLong(), x.NullableLong(), x.NullableLong(), x.NullableLong(), x.NullableLong());
                });
            }

            if (r.Bool())
            {
                s._curve = new int[ShareCurveHours];
                for (var i = 0; i < ShareCurveHours; i++)
                {
                    s._curve[i] = r.Int();
                }
            }

            return s;
        }
    }

    /// <summary>One day of a post as its platform reported it, with the import's source and time.</summary>
    private sealed record InsightDay(string Source, long Ts, long? Impressions, long? Reach, long? Likes, long? Comments, long? Shares, long? Saves);

    /// <summary>One deliverable of the campaign file, with the posts last assigned to it.</summary>
    private sealed class Deliverable(string campaignId, string creatorId, int index, DeliverableConfig config)
    {
        public string CampaignId { get; } = campaignId;
        public string CreatorId { get; } = creatorId;
        public int Index { get; } = index;
        public DeliverableConfig Config { get; } = config;
        public Platform Platform { get; } = WireNames.TryParsePlatform(config.Platform, out var p) ? p : Platform.Other;
        public ContentFormat? Format { get; } = config.Format is { } f && WireNames.TryParseContentFormat(f, out var format) ? format : null;
        public long DueMs { get; } = config.Due!.Value.ToUnixTimeMilliseconds();

        /// <summary>When, in event time, an incomplete deliverable is late: its due time and the reports' grace.</summary>
        public long LateFromMs => DueMs + ReportGraceMs;
        public List<(string ContentId, long? PublishedAt)> Posts { get; } = [];
        public bool Alerted { get; set; }
        public DeliverableRecord? Last { get; set; }

        public DeliverableRecord Record(ContentTracker tracker)
        {
            var complete = Posts.Count == Config.Posts;
            var completedAt = complete ? Posts.Max(p => p.PublishedAt) : null;
            return new DeliverableRecord
            {
                DeliverableId = $"{CreatorId}#{Index}",
                CampaignId = CampaignId,
                CreatorId = CreatorId,
                Platform = WireNames.Of(Platform),
                Format = Format is { } format ? WireNames.Of(format) : null,
                Count = Config.Posts,
                Due = DueMs,
                Posted = Posts.Count,
                ContentIds = [.. Posts.Select(p => p.ContentId)],
                CompletedAt = completedAt,
                Status = complete
                    ? (completedAt <= DueMs ? DeliverableStatus.Posted : DeliverableStatus.PostedLate)
                    : (tracker._dueFrontier >= LateFromMs ? DeliverableStatus.Late : DeliverableStatus.Due),
            };
        }
    }
}
