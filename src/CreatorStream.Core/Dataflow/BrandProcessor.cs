using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Spikes;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Everything judged about one brand (docs/design.md, "Dataflow" and "Metrics"): deduplication, counting into campaign,
/// creator and post aggregates (to date and per one-minute bucket), journeys and attribution under every model,
/// authenticity, spikes, alerts. Every judgement that looks across users sees all of the brand's events, whichever
/// ingest partition or worker they came through, because a brand has exactly one owner.
/// <para>Events are counted as they arrive; they are judged (authenticity, Markov chain, conversions) in (event time,
/// event id) order once the brand task's watermark passes them. Time-driven work (closing windows, judging spikes,
/// ending incidents, forgetting expired state) happens at ticks on minute boundaries placed in that same order: before
/// the first event of each new tick period (<see cref="TickMs"/>) and at the last boundary the watermark has passed. So the output depends only on
/// which events arrive before the watermark passes them, never on how the watermark moved or how batches split.</para>
/// <para>Deterministic; mutable; not thread-safe (one thread per brand task).</para>
/// </summary>
public sealed class BrandProcessor
{
    /// <summary>Accounts kept per explanation list: more than a person reads, few enough to store often.</summary>
    public const int FlaggedAccountsPerScope = 50;

    /// <summary>
    /// Event time between ticks: incidents are reported at most this long (of event time) after they become material.
    /// Ten seconds keeps alerts prompt while the work per tick (a pass over the brand's open posts) stays negligible.
    /// </summary>
    public const long TickMs = 10_000;

    private readonly CampaignCatalog _catalog;
    private readonly ProcessorOptions _options;
    private readonly IEngagementClassifier _classifier;
    private readonly WindowTracker _windows;
    private readonly List<ClosedWindow> _closed = []; // a tick's closed windows, for the spike detectors; kept from tick to tick
    private readonly SpikeDetector _spikes;
    private readonly SentimentSpikeDetector _sentimentSpikes;
    private readonly Deduplicator _deduplicator;
    private readonly ConversionAttributor _attributor;
    private readonly Outcomes.FunnelTracker _funnel;
    private readonly RecentPosts<(AggregateKey Campaign, AggregateKey Creator, AggregateKey Content)> _toDateKeys = new(); // KeysOf
    private readonly PostDeltas[] _postDeltas = new PostDeltas[PostDeltas.Slots]; // Kept
    private readonly Content.ContentTracker _content;
    private readonly Estimates.EstimatesTracker _estimates;
    private readonly Commissions.CommissionTracker _commissions;
    private readonly List<string> _creditedCampaigns = [];
    private readonly List<CreatorRef> _creditedCreators = [];
    private readonly List<Attribution.TouchedPost> _creditedPosts = [];
    private readonly AggregateDelta _scratch = new();
    private readonly HashSet<FlagScope> _flaggedPosts = [];
    private readonly FlagScope[] _standingScopes;

    // Events wait here until the watermark passes them, then are judged in (ts, id) order: by then every earlier event of
    // the brand has arrived, whatever partition it came on, so verdicts and credit do not depend on arrival order. An
    // audience event waits as itself alone: nothing reads its record again (it cannot become a dead letter once it has
    // arrived). The other events wait with their records (_records), which a dead letter carries verbatim.
    private readonly EventTimeQueue<StreamEvent> _pending = new();

    // The record of each waiting event that is not an audience event (a conversion, lead update, session, post or
    // insight: a few in a hundred), by the event itself, copied (the batch's bytes may be lent). Kept beside the queue, a
    // slot holds one reference instead of an event and its record's provenance (80 bytes, four references) for every
    // impression, engagement and click: a catch-up's waiting events were copied at each growth of the queue and scanned
    // by every collection (docs/benchmarks.md, session 53).
    private readonly Dictionary<StreamEvent, InboundRecord> _records = new(ReferenceEqualityComparer.Instance);

    // Engagements and clicks the watermark has passed, observed (the classifier has seen them, the chain has grown),
    // waiting for the judge lag to pass them too: by then every event of their group window has been observed, so a
    // verdict can see the group it belongs to (AuthenticityOptions.JudgeLagMs). Judged in (ts, id) order. Held as events
    // alone (a minute and a half of them): their original records were needed only until they were observed. Impressions
    // are observed and never judged (IEngagementClassifier): held here a minute and a half for nothing, they were most of
    // what a worker kept alive per event (docs/benchmarks.md, session 15).
    private readonly EventTimeQueue<AudienceEvent> _judging = new();

    private readonly List<RevisedEngagement> _revised = [];
    private long _watermark = long.MinValue;
    private long _tickedThrough = long.MinValue;
    private long _newestTs = long.MinValue;
    private long _flagsPublishedAt = long.MinValue;

    public BrandProcessor(string brandId, CampaignCatalog brandCatalog, ProcessorOptions options, IEngagementClassifier classifier)
    {
        BrandId = brandId;
        _catalog = brandCatalog;
        _options = options;
        _classifier = classifier;
        _windows = new WindowTracker(options.AllowedLateness);
        _spikes = new SpikeDetector(options.Spikes);
        _sentimentSpikes = new SentimentSpikeDetector(options.SentimentSpikes);
        _deduplicator = new Deduplicator(options.DedupHorizon, options.DedupExact);
        _attributor = new ConversionAttributor(brandCatalog, options.AllowedLateness);
        _funnel = new Outcomes.FunnelTracker(brandCatalog);
        _content = new Content.ContentTracker(brandCatalog);
        _estimates = new Estimates.EstimatesTracker(brandCatalog);
        _commissions = new Commissions.CommissionTracker(brandCatalog);
        _standingScopes = [.. brandCatalog.Campaigns.SelectMany(c =>
            c.Creators.Select(cr => new FlagScope(c.CampaignId, cr.CreatorId, null)).Prepend(new FlagScope(c.CampaignId, null, null)))];
    }

    public string BrandId { get; }

    /// <summary>The last tick boundary: every window ending there or before has closed.</summary>
    public long TickedThrough => _tickedThrough;

    /// <summary>Events waiting for the watermark, or for the judge lag after it.</summary>
    public int Pending => _pending.Count + _judging.Count;

    private long JudgeLagMs => _options.Authenticity.JudgeLagMs;

    /// <summary>
    /// Counts an event as it arrives (unless it repeats an event id) and queues it for judging. The processor then holds
    /// <paramref name="e"/>: an audience event is released (<see cref="DecodedEvents.Release"/>) once observed (an
    /// impression) or judged (an engagement or a click), or at once if it repeats an id, so the caller must not read it
    /// after this call.
    /// </summary>
    public void Arrive(StreamEvent e, InboundRecord record, BatchResult result)
    {
        var eventKey = e.IdKey;
        var lookups = _deduplicator.FilterLookups;
        var outcome = _deduplicator.Check(eventKey, e.Ts);
        result.Delta.DedupFilterLookups += _deduplicator.FilterLookups - lookups;
        if (outcome != DedupOutcome.New)
        {
            result.Delta.Duplicates++;
            result.Delta.ProbableDuplicates += outcome == DedupOutcome.ProbableDuplicate ? 1 : 0;
            DecodedEvents.Release(e); // dropped: nothing holds it
            return;
        }

        result.Delta.Events++;
        _newestTs = Math.Max(_newestTs, e.Ts);
        if (e is AudienceEvent audience)
        {
            Count(audience, result);
            _attributor.Touch(audience, eventKey);
            if (audience is Impression)
            {
                _funnel.Pass(audience.CampaignId, audience.CreatorId, audience.ContentId, audience.Platform, audience.UserKey, Outcomes.FunnelStage.Reached, result.Delta);
            }
        }

        // An audience event waits without its record's bytes: only a conversion or a lead update can turn into a dead
        // letter when it is released (a refund or update of an order never seen), which carries the bytes verbatim. Held for the watermark's delay,
        // every impression's and engagement's few hundred bytes outlived the young generation (docs/benchmarks.md,
        // session 15); a snapshot writes such an event as its fields (Snapshots.AudienceEventCodec), as it does the events
        // awaiting judgement.
        Wait(e, record);
        if (e.Ts <= _watermark)
        {
            Release(_watermark, result); // late but within the allowed lateness: judged now, its buckets corrected
        }
    }

    /// <summary>
    /// Hints the cache at what <see cref="Arrive"/> of <paramref name="e"/> will read in the largest tables (its id in
    /// deduplication, its user's journey and, for an impression, place in the funnel), a step at a time: a
    /// <paramref name="stage"/> reads only what the one before it loaded (docs/design.md, "Per-event cost").
    /// </summary>
    public void Prefetch(AudienceEvent e, int stage)
    {
        if (stage < 2)
        {
            _deduplicator.Prefetch(e.IdKey, e.Ts, stage);
            if (e is Impression)
            {
                _funnel.Prefetch(e.UserKey, stage);
            }
        }

        _attributor.Prefetch(e, stage);
    }

    /// <summary>
    /// Queues <paramref name="e"/> for the watermark: an audience event alone, any other with its record whole (copied: the
    /// batch's bytes may be lent, <see cref="InboundRecord.Owned"/>), which a dead letter would carry.
    /// </summary>
    private void Wait(StreamEvent e, InboundRecord record)
    {
        if (e is not AudienceEvent)
        {
            _records.Add(e, record.Owned());
        }

        _pending.Enqueue(e, e.Ts, e.IdKey);
    }

    private InboundRecord TakeRecord(StreamEvent e) => _records.Remove(e, out var record) ? record : throw new InvalidOperationException($"a waiting {e.Type} has no record");

    /// <summary>Moves event time to <paramref name="watermark"/>: judges what it passed, ticking each minute it crossed.</summary>
    public void Advance(long watermark, BatchResult result)
    {
        if (watermark <= _watermark)
        {
            return;
        }

        _watermark = watermark;
        Release(watermark, result);
    }

    /// <summary>The watermark at the end of a finite input: past every window and horizon, with room for the arithmetic on it.</summary>
    public long EndOfInput => long.MaxValue - (long)_options.AllowedLateness.TotalMilliseconds - EventTime.BucketMs;

    /// <summary>Ends a finite input (replay): every window closes, every incident ends, every event is judged.</summary>
    public void Flush(BatchResult result)
    {
        if (_newestTs == long.MinValue)
        {
            return;
        }

        Advance(EventTime.BucketEnd(EventTime.BucketStart(_newestTs)) + JudgeLagMs, result);
        var end = EndOfInput;
        _watermark = end;
        Tick(end, result);
        PublishContent(result);
    }

    /// <summary>
    /// Publishes who is flagged and why (campaign-wide, per creator, and per post that raised an incident) at most every
    /// <see cref="ProcessorOptions.FlagsInterval"/> of wall clock: explanations are read by people, so seconds-old is fresh.
    /// </summary>
    public void PublishFlags(BatchResult result)
    {
        var wallClockMs = result.Delta.WallClockMs;
        if (_flagsPublishedAt != long.MinValue && wallClockMs - _flagsPublishedAt < _options.FlagsInterval.TotalMilliseconds)
        {
            return;
        }

        _flagsPublishedAt = wallClockMs;
        foreach (var (scope, accounts) in _classifier.FlaggedAccounts([.. _standingScopes.Concat(_flaggedPosts)], FlaggedAccountsPerScope))
        {
            if (accounts.Count > 0)
            {
                result.Delta.FlaggedAccounts[scope] = accounts;
            }
        }
    }

    /// <summary>The records of the posts this batch changed (docs/design.md, "Content"), once each.</summary>
    public void PublishContent(BatchResult result)
    {
        _content.Publish(result.Delta.Content);
        _estimates.Refresh(result.Delta.Content.Estimates, result.Delta.WallClockMs); // docs/design.md, "Estimates"
        _commissions.Refresh(result.Delta.Content.Commissions, _newestTs, result.Delta.WallClockMs); // docs/design.md, "Commissions"
    }

    /// <summary>
    /// Publishes again, as corrections, the closed windows that events arriving behind the watermark changed, without
    /// waiting for the next minute's tick (only derived output: the figures were corrected when the events arrived).
    /// </summary>
    public void PublishCorrections(BatchResult result)
    {
        if (_tickedThrough != long.MinValue)
        {
            _windows.Advance(_tickedThrough, result.ClosedWindows);
        }
    }

    private void Release(long watermark, BatchResult result)
    {
        while (_pending.TryPeek(out var e, out var dueTs) && dueTs <= watermark)
        {
            // Observation never runs more than the judge lag ahead of judgement, however far the watermark jumped (a
            // replay's one big step, a live run's small ones): an event's verdict sees its group up to the lag after it,
            // and nothing later, so verdicts do not depend on batch sizes.
            JudgeThrough(dueTs - JudgeLagMs, result);
            PrefetchObserved();
            _pending.Dequeue();
            Observe(e, e is AudienceEvent ? default : TakeRecord(e), result);
        }

        // Judged, and ticked, a lag behind: the frontier below which every event's group window has been observed.
        var judged = watermark == long.MinValue ? long.MinValue : watermark - JudgeLagMs;
        JudgeThrough(judged, result);
        if (judged != long.MinValue && TickStart(judged) is var passed && passed > _tickedThrough && _newestTs != long.MinValue)
        {
            Tick(passed, result);
        }
    }

    /// <summary>Judges the observed events at or before <paramref name="frontier"/> in (ts, id) order, ticking each period they start.</summary>
    private void JudgeThrough(long frontier, BatchResult result)
    {
        while (_judging.TryPeek(out var item, out var dueTs) && dueTs <= frontier)
        {
            var period = TickStart(dueTs);
            if (period > _tickedThrough)
            {
                Tick(period, result); // every earlier event is judged; none of this period is yet
            }

            PrefetchJudged();
            _judging.Dequeue();
            JudgeAudience(item, result);
            DecodedEvents.Release(item); // judged: no component keeps the event itself, so a decoder may fill it again
        }
    }

    // Hints the cache at the journeys the next few events to observe will extend (their open paths), a stage a step, as
    // Prefetch does for arrivals, and three events ahead at the classifier's acquaintance and impression slots; then at
    // the funnel places of the next few to judge.
    private void PrefetchObserved()
    {
        for (var stage = 0; stage < 3; stage++)
        {
            if (_pending.TryPeekAhead(3 - stage, out var next) && next is AudienceEvent e)
            {
                _attributor.Prefetch(e, stage);
                if (stage == 0)
                {
                    _classifier.Prefetch(e);
                }
            }
        }
    }

    private void PrefetchJudged()
    {
        for (var stage = 0; stage < 2; stage++)
        {
            if (_judging.TryPeekAhead(2 - stage, out var next))
            {
                _funnel.Prefetch(next.UserKey, stage);
            }
        }
    }

    private static long TickStart(long ts) => ts - (((ts % TickMs) + TickMs) % TickMs);

    /// <summary>
    /// Time-driven work at a tick boundary: windows ending there close (and feed spike detection), incidents are reported
    /// and those quiet for their gap end, and state past its horizon is forgotten. Ticks may skip periods without events:
    /// each piece of this work done once at the later boundary leaves what it would leave done at every boundary between
    /// (expiry sweeps at whole minutes for that reason), which keeps a replay with big watermark steps equal to a live run.
    /// </summary>
    private void Tick(long boundary, BatchResult result)
    {
        _tickedThrough = boundary;
        var closed = _closed; // this tick's, for the detectors; kept from tick to tick
        closed.Clear();
        _windows.Advance(boundary, closed);
        result.ClosedWindows.AddRange(closed);
        var wallClockMs = result.Delta.WallClockMs;
        _spikes.Observe(closed, boundary, wallClockMs, result.Alerts);
        _sentimentSpikes.Observe(closed, boundary, wallClockMs, result.Alerts);
        var raised = result.Alerts.Count;
        _classifier.ReportIncidents(boundary, wallClockMs, result.Alerts);
        for (var i = raised; i < result.Alerts.Count; i++)
        {
            var alert = result.Alerts[i];
            if (alert.Kind == Alerts.AlertKinds.InauthenticEngagement)
            {
                _flaggedPosts.Add(new FlagScope(alert.CampaignId, alert.CreatorId, alert.ContentId));
            }
        }

        if (boundary == EndOfInput)
        {
            _flagsPublishedAt = long.MinValue; // the end of input: the final explanations, read before expiry forgets every account
            PublishFlags(result);
        }

        // Deliverables fall due by the events' own time: the end of a finite input is its newest event, not the end of time.
        _content.CheckDue(Math.Min(boundary, _newestTs), result.Delta.Content, result.Alerts, wallClockMs);
        _estimates.Evict(boundary);
        _commissions.Evict(boundary, _newestTs);
        _classifier.Expire(boundary);
        _spikes.ForgetRaised(boundary, _options.Authenticity.RevisionHorizonMs);
        _sentimentSpikes.ForgetRaised(boundary, _options.Authenticity.RevisionHorizonMs);
        _attributor.Evict(boundary);
        _deduplicator.Evict(boundary);
    }

    /// <summary>
    /// An event the watermark has passed, in (ts, id) order: a touch grows its campaign's Markov chain and is shown to the
    /// classifier (then waits for the judge lag); a conversion is credited.
    /// </summary>
    private void Observe(StreamEvent e, InboundRecord record, BatchResult result)
    {
        if (e is AudienceEvent touch)
        {
            _attributor.Chain(touch);
            _classifier.Observe(touch);
            if (touch is Click click)
            {
                _content.ObserveClick(click, result.Delta.Content);
            }
            else if (touch is Impression)
            {
                _estimates.ObserveImpression(touch);
            }

            if (touch is Impression)
            {
                // Observed, and never judged: no component keeps the event itself (their ids and numbers, and the
                // decoder's shared strings, are what they keep), so a decoder may fill it again.
                DecodedEvents.Release(touch);
            }
            else
            {
                _judging.Enqueue(touch, touch.Ts, touch.IdKey);
            }
        }
        else if (e is Conversion conversion)
        {
            _creditedCampaigns.Clear();
            _creditedCreators.Clear();
            _creditedPosts.Clear();
            var outcome = _attributor.Convert(conversion, result.Delta.Attribution, _creditedCampaigns, _creditedCreators, _creditedPosts);
            _estimates.ObserveConversion(conversion, outcome, _attributor.LastJourney, _attributor.CodeOwner(conversion), result.Alerts, result.Delta.WallClockMs);
            if (outcome == ConversionOutcome.Attributed)
            {
                _commissions.Credit(conversion.OrderId, _attributor.LastOrder!);
            }
            else if (outcome == ConversionOutcome.Refunded)
            {
                _commissions.Refund(conversion.OrderId, conversion.Ts, _attributor.LastRefundShare);
            }

            if (outcome == ConversionOutcome.UnknownOrder)
            {
                result.DeadLetters.Add(new DeadLetter(record, Decoding.DeadLetterStage.Process, Decoding.DeadLetterReason.UnknownOrder, $"refund of order '{conversion.OrderId}', which was never seen"));
                result.Delta.CountDeadLetter(Decoding.DeadLetterReason.UnknownOrder);
                result.Delta.Events--; // counted on arrival; it turned out to be a dead letter
            }

            foreach (var campaignId in _creditedCampaigns)
            {
                CountConversion(AggregateKey.Campaign(campaignId), conversion, result);
            }

            foreach (var creator in _creditedCreators)
            {
                CountConversion(AggregateKey.Creator(creator.CampaignId, creator.CreatorId), conversion, result);
                _funnel.Pass(creator.CampaignId, creator.CreatorId, conversion.UserKey, Outcomes.FunnelStage.Converted, result.Delta);
            }

            foreach (var post in _creditedPosts)
            {
                // A post's funnel counts on the platform it was first seen on; a post no user passed a stage of has no funnel to add to.
                if (_funnel.TryGetPostPlatform(post.CampaignId, post.CreatorId, post.ContentId, out var platform))
                {
                    _funnel.Pass(post.CampaignId, post.CreatorId, post.ContentId, platform, conversion.UserKey, Outcomes.FunnelStage.Converted, result.Delta);
                }
            }
        }
        else if (e is LeadUpdate update)
        {
            var outcome = _attributor.UpdateLead(update, result.Delta.Attribution);
            if (outcome is ConversionOutcome.UnknownOrder or ConversionOutcome.NotALead)
            {
                var (reason, message) = outcome == ConversionOutcome.NotALead
                    ? (Decoding.DeadLetterReason.NotALead, $"lead update of order '{update.OrderId}', which is not a lead conversion")
                    : (Decoding.DeadLetterReason.UnknownOrder, $"lead update of order '{update.OrderId}', which was never seen");
                result.DeadLetters.Add(new DeadLetter(record, Decoding.DeadLetterStage.Process, reason, message));
                result.Delta.CountDeadLetter(reason);
                result.Delta.Events--; // counted on arrival; it turned out to be a dead letter
            }
        }
        else if (e is SiteSession session)
        {
            ObserveSession(session, record, result);
        }
        else if (e is PostEvent post)
        {
            _content.Observe(post, result.Delta.Content, result.Alerts, result.Delta.WallClockMs);
            _estimates.ObservePost(post);
        }
        else if (e is Insight insight)
        {
            _content.ObserveInsight(insight, result.Delta.Content);
        }
    }

    /// <summary>
    /// A site session joins the click that started it and counts into that click's campaign, creator and post, to date
    /// and in the session's minute; its user lands in the creator's funnel (docs/design.md, "Outcomes", referral quality).
    /// </summary>
    private void ObserveSession(SiteSession session, InboundRecord record, BatchResult result)
    {
        switch (_attributor.JoinSession(session, out var click))
        {
            case Outcomes.SessionJoin.UnknownClick:
                result.DeadLetters.Add(new DeadLetter(record, Decoding.DeadLetterStage.Process, Decoding.DeadLetterReason.UnknownClick, $"session '{session.SessionId}' names click '{session.ClickEventId}', which was never seen for user '{session.UserId}'"));
                result.Delta.CountDeadLetter(Decoding.DeadLetterReason.UnknownClick);
                result.Delta.Events--; // counted on arrival; it turned out to be a dead letter
                return;
            case Outcomes.SessionJoin.Unmatched:
                result.Delta.UnmatchedSessions++;
                _estimates.ObserveUnmatchedSession(session);
                return;
        }

        var single = Scratch();
        single.Counters.AddSession(session.DurationMs, session.Pageviews, session.Bounced);
        single.Touch(session.Ts);
        var bucket = EventTime.BucketStart(session.Ts);
        var keys = default(EventKeys);
        keys[0] = AggregateKey.Campaign(click.CampaignId);
        keys[1] = AggregateKey.Creator(click.CampaignId, click.CreatorId);
        keys[2] = AggregateKey.Campaign(click.CampaignId, bucket);
        keys[3] = AggregateKey.Creator(click.CampaignId, click.CreatorId, bucket);
        var count = 4;
        if (click.Platform is { } platform)
        {
            // A click restored from a snapshot before format 7 does not know its platform, which keys its post.
            keys[4] = AggregateKey.Content(click.CampaignId, click.CreatorId, click.ContentId, platform);
            keys[5] = AggregateKey.Content(click.CampaignId, click.CreatorId, click.ContentId, platform, bucket);
            count = 6;
        }

        for (var i = 0; i < count; i++)
        {
            var key = keys[i];
            var delta = result.Delta.For(key);
            delta.Counters.AddSession(session.DurationMs, session.Pageviews, session.Bounced);
            delta.Touch(session.Ts);
            if (!key.IsToDate)
            {
                if (_windows.IsClosed(key.BucketStart))
                {
                    result.Delta.CorrectedBuckets.Add(key); // a late session: its minute was already published
                }

                _windows.Record(key, single, _tickedThrough, result.Delta.WallClockMs);
            }
        }

        if (click.Platform is { } clickPlatform)
        {
            _funnel.Pass(click.CampaignId, click.CreatorId, click.ContentId, clickPlatform, session.UserKey, Outcomes.FunnelStage.Landed, result.Delta);
        }
        else
        {
            _funnel.Pass(click.CampaignId, click.CreatorId, session.UserKey, Outcomes.FunnelStage.Landed, result.Delta);
        }
    }

    private void JudgeAudience(AudienceEvent touch, BatchResult result)
    {
        _revised.Clear();
        var traits = touch is Engagement { Kind: EngagementKind.Comment, CommentText: { } text } && _catalog.TryGet(touch.CampaignId, out var campaign)
            ? Content.CommentTraits.Of(text, campaign.BrandTerms)
            : (byte)0;
        var authentic = _classifier.Judge(touch, _revised, traits).IsAuthentic;
        if (touch is Engagement)
        {
            CountJudged(touch, authentic, authentic ? traits : (byte)0, result);
        }
        else if (!authentic)
        {
            CountInauthenticClick(touch, result);
        }

        if (authentic && touch is Engagement { Kind: EngagementKind.Share })
        {
            _content.ObserveShare(touch, result.Delta.Content);
        }

        if (authentic)
        {
            // The funnel counts what authentic users did (docs/design.md, "Outcomes"); a later revision does not take it back.
            _funnel.Pass(touch.CampaignId, touch.CreatorId, touch.ContentId, touch.Platform, touch.UserKey, touch is Engagement ? Outcomes.FunnelStage.Engaged : Outcomes.FunnelStage.Clicked, result.Delta);
        }

        foreach (var revised in _revised)
        {
            Uncount(revised, result);
            _spikes.Revise(revised, result.Delta.WallClockMs, result.Alerts);
            _sentimentSpikes.Revise(revised, result.Delta.WallClockMs, result.Alerts);
        }
    }

    /// <summary>
    /// Takes a revised engagement out of the authentic figures it was counted into: to date, and in its minute, whose
    /// window is republished as a correction if it closed and is still held (docs/design.md, "Authenticity", revisions).
    /// </summary>
    private void Uncount(RevisedEngagement revised, BatchResult result)
    {
        var bucket = EventTime.BucketStart(revised.Ts);
        var undo = Scratch();
        undo.Counters.AuthenticEngagements = -1;
        undo.Counters.InauthenticEngagements = 1;
        Content.CommentTraits.Count(ref undo.Counters, revised.CommentTraits, -1);
        Span<AggregateKey> keys =
        [
            AggregateKey.Campaign(revised.CampaignId),
            AggregateKey.Creator(revised.CampaignId, revised.CreatorId),
            AggregateKey.Content(revised.CampaignId, revised.CreatorId, revised.ContentId, revised.Platform),
            AggregateKey.Campaign(revised.CampaignId, bucket),
            AggregateKey.Creator(revised.CampaignId, revised.CreatorId, bucket),
            AggregateKey.Content(revised.CampaignId, revised.CreatorId, revised.ContentId, revised.Platform, bucket),
        ];
        foreach (var key in keys)
        {
            var counters = result.Delta.For(key);
            counters.Counters.AuthenticEngagements--;
            counters.Counters.InauthenticEngagements++;
            Content.CommentTraits.Count(ref counters.Counters, revised.CommentTraits, -1);
            if (!key.IsToDate)
            {
                if (_windows.IsClosed(key.BucketStart))
                {
                    result.Delta.CorrectedBuckets.Add(key);
                }

                _windows.Record(key, undo, _tickedThrough, result.Delta.WallClockMs);
            }
        }

        result.Revised.Add(revised);
    }

    /// <summary>
    /// Counts a credited order into a campaign or a creator it credits (under any model, once), to date and in the minute
    /// of the order: the trends' conversions and the orders a rate-drop alert weighs (docs/design.md, "Trends").
    /// </summary>
    private void CountConversion(AggregateKey toDate, Conversion conversion, BatchResult result)
    {
        var single = Scratch();
        single.Counters.Conversions = 1;
        var bucket = toDate with { BucketStart = EventTime.BucketStart(conversion.Ts) };
        result.Delta.For(toDate).Counters.Conversions++;
        result.Delta.For(bucket).Counters.Conversions++;
        if (_windows.IsClosed(bucket.BucketStart))
        {
            result.Delta.CorrectedBuckets.Add(bucket); // a late order: its minute was already published
        }

        _windows.Record(bucket, single, _tickedThrough, result.Delta.WallClockMs);
    }

    /// <summary>The six aggregates an audience event counts into: campaign, creator and post, to date and in its minute.</summary>
    private EventKeys KeysOf(AudienceEvent e)
    {
        var bucket = EventTime.BucketStart(e.Ts);
        var keys = default(EventKeys);
        if (_toDateKeys.TryGet(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, out var toDate))
        {
            (keys[0], keys[1], keys[2]) = toDate; // the post's ids hashed when it was last seen, not at every event
        }
        else
        {
            keys[0] = AggregateKey.Campaign(e.CampaignId);
            keys[1] = AggregateKey.Creator(e.CampaignId, e.CreatorId);
            keys[2] = AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform);
            _toDateKeys.Set(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, (keys[0], keys[1], keys[2]));
        }

        keys[3] = keys[0] with { BucketStart = bucket }; // the ids' hash made once for both keys of a scope
        keys[4] = keys[1] with { BucketStart = bucket };
        keys[5] = keys[2] with { BucketStart = bucket };
        return keys;
    }

    /// <summary>
    /// Writes everything this brand's judgement remembers (docs/design.md, "Recovery"): event time and ticks, the events
    /// waiting to be judged (conversions and lead updates as their original records, impressions, engagements and clicks as
    /// their fields), deduplication, windows, spikes, attribution and authenticity.
    /// </summary>
    /// <remarks>
    /// The components write side by side, in four groups of about equal size, each into a writer of its own; the groups'
    /// bytes then follow one another unchanged, so the snapshot is the same as written in one go. A busy brand's snapshot
    /// is written inside its batch while the stage waits (decision 0033), and on two cores this halves that wait. Saving
    /// only reads the state, and no two groups share any of it (the journeys' snapshot numbers are the attributor's own).
    /// </remarks>
    /// <exception cref="Snapshots.SnapshotTooLargeException">The state passes the writer's limit.</exception>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        var capture = new Snapshots.SnapshotCapture(writer.Remaining, writer.Sink);
        Capture(capture);
        writer.Append(capture.Finish());
    }

    /// <summary>
    /// <see cref="Save"/>'s bytes as parts of <paramref name="capture"/> (decision 0033): its four groups side by side,
    /// each written now or frozen for <see cref="Snapshots.SnapshotCapture.Finish"/> to write while the task goes on.
    /// </summary>
    public void Capture(Snapshots.SnapshotCapture capture)
    {
        var limit = capture.MaxBytes - capture.WrittenBytes;
        var groups = new Snapshots.SnapshotCapture[4];
        try
        {
            Parallel.Invoke(
                () => groups[0] = Group(limit, capture.Sink, static (p, c) => p.CaptureTimeAndWaiting(c)),
                () => groups[1] = Group(limit, capture.Sink, static (p, c) => c.Now(p.SaveWindows)),
                () => groups[2] = Group(limit, capture.Sink, static (p, c) => p._attributor.Capture(c)),
                () => groups[3] = Group(limit, capture.Sink, static (p, c) => p.CaptureJudgementAndOutcomes(c)));
        }
        catch (AggregateException e)
        {
            Release(groups);
            Snapshots.SnapshotCapture.ThrowAsOne(e, capture.MaxBytes); // what the worker counts, with the whole limit
        }

        try
        {
            foreach (var group in groups)
            {
                capture.Append(group);
            }
        }
        catch
        {
            Release(groups); // the groups not yet appended still hold theirs
            throw;
        }
    }

    // What the groups that were frozen hold: this capture will not be finished (a group appended already gave its holds
    // to the capture, whose owner lets them go).
    private static void Release(Snapshots.SnapshotCapture?[] groups)
    {
        foreach (var group in groups)
        {
            group?.Dispose();
        }
    }

    private Snapshots.SnapshotCapture Group(long limit, Snapshots.ISnapshotSink? sink, Action<BrandProcessor, Snapshots.SnapshotCapture> take)
    {
        var group = new Snapshots.SnapshotCapture(limit, sink);
        take(this, group);
        return group;
    }

    // Event time, flagged posts and the waiting events (decision 0033): copied now into arrays the task does not change
    // (an audience event as its reference, held from its pool until written; a conversion or lead update as its record's
    // parts, which are few), written later beside the stage.
    private void CaptureTimeAndWaiting(Snapshots.SnapshotCapture capture)
    {
        var (watermark, tickedThrough, newestTs) = (_watermark, _tickedThrough, _newestTs);
        var flagged = _flaggedPosts.ToArray();
        capture.Keep(DecodedEvents.Hold()); // before the task goes on: it releases judged events, and a pooled one is refilled

        // The waiting events as references copied from the queues' entries, no event read now (an enumerator over every
        // entry and a type test reading each pending event took up to 115 ms of the batch, docs/benchmarks.md, session
        // 63): an audience event's record's bytes were let go on arrival, and its provenance is not kept (Wait). The
        // others (a few in a hundred) may still become dead letters, which carry their records' bytes as written: their
        // records are copied from the records table, which holds theirs alone.
        var pending = capture.Rent<StreamEvent>(_pending.Count); // pooled: a busy brand's is a large object (FrozenArrays)
        var pendingCount = _pending.UnorderedCopyTo(pending);
        var records = new Dictionary<StreamEvent, WaitingRecord>(_records.Count, ReferenceEqualityComparer.Instance);
        foreach (var (e, record) in _records)
        {
            var value = record.Value.IsEmpty ? Decoding.EventWriter.ToUtf8Span(e, includeType: false).ToArray() : record.Value.ToArray();
            records.Add(e, new WaitingRecord(record.Source.Topic, record.Source.Partition, record.Offset, record.TypeHint is { } type ? (int)type : -1, record.Key.ToArray(), value, record.WrittenAtMs));
        }

        var judging = capture.Rent<AudienceEvent>(_judging.Count);
        var judgingCount = _judging.UnorderedCopyTo(judging);
        capture.Later(writer =>
        {
            writer.Write(watermark);
            writer.Write(tickedThrough);
            writer.Write(newestTs);
            writer.Write(flagged, static (w, f) =>
            {
                w.Write(f.CampaignId);
                w.Write(f.CreatorId);
                w.Write(f.ContentId);
            });
            writer.Write(pendingCount);
            foreach (var item in pending.AsSpan(0, pendingCount))
            {
                if (item is AudienceEvent audience)
                {
                    writer.Write(true);
                    Snapshots.AudienceEventCodec.Write(writer, audience);
                    continue;
                }

                var record = records[item];
                writer.Write(false);
                writer.Write(record.Topic);
                writer.Write(record.Partition);
                writer.Write(record.Offset);
                writer.Write(record.Type);
                writer.Write(record.Key.AsSpan());
                writer.Write(record.Value.AsSpan());
                writer.Write(record.WrittenAtMs);
            }

            // Events awaiting judgement, as their fields (their records are gone: see _judging).
            writer.Write(judgingCount);
            foreach (var e in judging.AsSpan(0, judgingCount))
            {
                Snapshots.AudienceEventCodec.Write(writer, e);
            }
        });
    }

    // A waiting conversion's or lead update's record, copied for a snapshot written beside the stage.
    private sealed record WaitingRecord(string Topic, int Partition, long Offset, int Type, byte[] Key, byte[] Value, long? WrittenAtMs);

    private void SaveWindows(Snapshots.SnapshotWriter writer)
    {
        _deduplicator.Save(writer);
        _windows.Save(writer);
        _spikes.Save(writer);
    }

    // The classifier's flat tables and the funnel's users frozen for later (AuthenticityClassifier.Capture), the rest written now.
    private void CaptureJudgementAndOutcomes(Snapshots.SnapshotCapture capture)
    {
        var classifier = _classifier as AuthenticityClassifier;
        capture.Now(writer => writer.Write(classifier is not null));
        classifier?.Capture(capture);
        capture.Later(_funnel.Freeze());
        capture.Now(SaveOutcomes);
    }

    private void SaveOutcomes(Snapshots.SnapshotWriter writer)
    {
        _content.Save(writer);
        _sentimentSpikes.Save(writer);
        _estimates.Save(writer);
        _commissions.Save(writer);
    }

    /// <summary>Reads into this fresh processor (same brand, catalog and options) what <see cref="Save"/> wrote, in <see cref="BrandTask"/>'s snapshot <paramref name="format"/>.</summary>
    public void Load(Snapshots.SnapshotReader reader, Decoding.EventDecoder decoder, byte format = BrandTask.SnapshotFormat)
    {
        reader.Format = format;
        _watermark = reader.Long();
        _tickedThrough = reader.Long();
        _newestTs = reader.Long();
        reader.Each(r => _flaggedPosts.Add(new FlagScope(r.String(), r.NullableString(), r.NullableString())));
        // From the binary form, an impression, engagement or click waits as its fields; before it every waiting event was
        // JSON: a record's bytes, or an audience event's made again.
        var binary = format >= BrandTask.BinaryWaitingFormat;
        var withoutProvenance = format >= BrandTask.WaitingWithoutProvenanceFormat;
        reader.Each(r =>
        {
            if (withoutProvenance && r.Bool())
            {
                Wait(Snapshots.AudienceEventCodec.Read(r, decoder.Ids), default);
                return;
            }

            var (source, offset, type) = (new SourcePartition(r.String(), r.Int()), r.Long(), r.Int());
            var typeHint = type < 0 ? null : (EventType?)type;
            StreamEvent e;
            InboundRecord record;
            if (binary && !withoutProvenance && r.Bool())
            {
                // Before format 21 an audience event's provenance came first; it is not kept.
                e = Snapshots.AudienceEventCodec.Read(r, decoder.Ids);
                record = new InboundRecord(source, offset, typeHint, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, r.NullableLong());
            }
            else
            {
                record = new InboundRecord(source, offset, typeHint, r.Bytes(), r.Bytes(), r.NullableLong());
                e = decoder.Decode(record.Value.Span, record.TypeHint).Event
                    ?? throw new InvalidDataException($"a waiting event of {source} at {offset} no longer decodes (different limits?)");
            }

            Wait(e, record);
        });
        reader.Each(r =>
        {
            var e = binary ? Snapshots.AudienceEventCodec.Read(r, decoder.Ids) : JudgingFromJson(r, decoder);
            if (e is not Impression) // an older build's snapshot holds impressions here too
            {
                _judging.Enqueue(e, e.Ts, e.IdKey);
            }
        });

        _deduplicator.Load(reader, withFilters: format >= 3);
        _windows.Load(reader);
        _spikes.Load(reader);
        _attributor.Load(reader, format);
        if (reader.Bool())
        {
            ((AuthenticityClassifier)_classifier).Load(reader);
        }

        if (format >= BrandTask.OutcomesFormat)
        {
            _funnel.Load(reader);
        }

        if (format >= BrandTask.ContentFormat)
        {
            _content.Load(reader);
        }
        else
        {
            _content.AssumeAlertedThrough(_watermark); // see ContentTracker.AssumeAlertedThrough
        }

        if (format >= BrandTask.SentimentSpikesFormat)
        {
            _sentimentSpikes.Load(reader); // an older snapshot's posts start their comment baselines from the restore
        }

        if (format >= BrandTask.EstimatesFormat)
        {
            _estimates.Load(reader, format); // an older snapshot's estimates start from the restore
        }

        if (format >= BrandTask.CommissionsFormat)
        {
            _commissions.Load(reader); // an older snapshot's ledgers start from the restore
        }
    }

    /// <summary>An event awaiting judgement in a snapshot before <see cref="BrandTask.BinaryWaitingFormat"/>: its type, then its JSON.</summary>
    private static AudienceEvent JudgingFromJson(Snapshots.SnapshotReader reader, Decoding.EventDecoder decoder)
    {
        var type = (EventType)reader.Int();
        return decoder.Decode(reader.Bytes(), type).Event as AudienceEvent
            ?? throw new InvalidDataException("an event awaiting judgement no longer decodes (different limits?)");
    }

    /// <summary>
    /// The one delta an event's own change is built in before a minute's bucket applies it (the bucket copies what it
    /// reads, so nothing keeps it): emptied and reused, not made per event.
    /// </summary>
    private AggregateDelta Scratch()
    {
        _scratch.Reset();
        return _scratch;
    }

    [System.Runtime.CompilerServices.InlineArray(6)]
    private struct EventKeys
    {
        public const int Count = 6;
        private AggregateKey _first;
    }

    /// <summary>
    /// <paramref name="e"/>'s six aggregate deltas in this batch's <paramref name="delta"/> and its three minute buckets
    /// (<see cref="EventKeys"/>' order: three to date, then three of the minute): kept for the posts counted last, and found
    /// again by the post's id references and minute, the delta's lending (<see cref="StateDelta.AggregatesLending"/>) and
    /// the windows' generation (<see cref="WindowTracker.Generation"/>), so an event of a busy post counts without nine
    /// lookups of keys that compare strings (docs/design.md, "Per-event cost"). What is not kept, or was kept for another
    /// minute, an earlier batch or before a minute went, is asked for again, all of it in the keys' order, as counting one
    /// key at a time did: the delta and the minute hold the same keys in the same order either way.
    /// </summary>
    private ref PostDeltas Kept(AudienceEvent e, in EventKeys keys, StateDelta delta)
    {
        ref var kept = ref _postDeltas[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(e.ContentId) & (PostDeltas.Slots - 1)];
        var minute = keys[3].BucketStart;
        if (kept.Minute != minute || !ReferenceEquals(kept.Content, e.ContentId) || !ReferenceEquals(kept.Creator, e.CreatorId)
            || !ReferenceEquals(kept.Campaign, e.CampaignId) || kept.Platform != e.Platform)
        {
            (kept.Campaign, kept.Creator, kept.Content, kept.Platform, kept.Minute) = (e.CampaignId, e.CreatorId, e.ContentId, e.Platform, minute);
            (kept.Lending, kept.Generation) = (0, 0); // neither is ever 0
        }

        if (delta.AggregatesLending is var lending && kept.Lending != lending)
        {
            kept.Lending = lending;
            for (var i = 0; i < EventKeys.Count; i++)
            {
                kept.Deltas[i] = delta.For(keys[i]);
            }
        }

        if (_windows.Generation != kept.Generation)
        {
            kept.Generation = _windows.Generation;
            for (var i = 0; i < PostDeltas.MinuteKeys; i++)
            {
                kept.Buckets[i] = _windows.BucketOf(keys[PostDeltas.MinuteKeys + i]);
            }
        }

        return ref kept;
    }

    /// <summary>A post's six aggregate deltas in one batch's delta, and its three buckets of a minute (<see cref="Kept"/>), direct-mapped by the content id's identity hash.</summary>
    private struct PostDeltas
    {
        public const int Slots = 128;
        public const int MinuteKeys = 3; // the last three of EventKeys
        public string? Campaign;
        public string? Creator;
        public string? Content;
        public Platform Platform;
        public long Minute;
        public long Lending; // 0 before any: lendings are numbered from 1
        public Six Deltas;
        public long Generation; // 0 before any: the windows' generations start at 1
        public Three Buckets;

        [System.Runtime.CompilerServices.InlineArray(MinuteKeys)]
        public struct Three
        {
            private BucketState _first;
        }

        [System.Runtime.CompilerServices.InlineArray(EventKeys.Count)]
        public struct Six
        {
            private AggregateDelta _first;
        }
    }

    private void Count(AudienceEvent e, BatchResult result)
    {
        // Authenticity is judged later, in event-time order, when the watermark passes the event (see Judge).
        const bool authentic = false;
        var userHash = e.UserKey;
        var format = (e as Impression)?.ContentFormat;
        var single = Scratch();
        EventCounting.Count(ref single.Counters, e, authentic);
        single.Touch(e.Ts);
        if (e is Impression)
        {
            single.UserHashes.Add(userHash);
        }

        if (e.Country is { } country && e is Impression or Click)
        {
            // The format advice by country weighs each country's credit against its impressions (docs/design.md, "Recommendations").
            result.Delta.Attribution.Reach(new PostCountryKey(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, country), e is Impression ? 1 : 0, e is Click ? 1 : 0);
        }

        var keys = KeysOf(e);
        ref var kept = ref Kept(e, keys, result.Delta);
        for (var i = 0; i < EventKeys.Count; i++)
        {
            var key = keys[i];
            var delta = kept.Deltas[i];
            EventCounting.Count(ref delta.Counters, e, authentic);
            delta.Touch(e.Ts);
            if (e is Impression)
            {
                delta.UserHashes.Add(userHash);
            }

            if (key.Scope == AggregateScope.Content)
            {
                delta.Format ??= format;
            }

            if (!key.IsToDate)
            {
                _windows.Record(kept.Buckets[i - PostDeltas.MinuteKeys], key.BucketStart, single, _tickedThrough, result.Delta.WallClockMs);
                if (_windows.IsClosed(key.BucketStart))
                {
                    result.Delta.CorrectedBuckets.Add(key);
                }
            }
        }
    }

    /// <summary>Counts a judged engagement as authentic or not, with an authentic comment's traits, to date and in its minute.</summary>
    private void CountJudged(AudienceEvent e, bool authentic, byte commentTraits, BatchResult result)
    {
        var judged = Scratch();
        if (authentic)
        {
            judged.Counters.AuthenticEngagements = 1;
            Content.CommentTraits.Count(ref judged.Counters, commentTraits, 1);
        }
        else
        {
            judged.Counters.InauthenticEngagements = 1;
        }

        var keys = KeysOf(e);
        ref var kept = ref Kept(e, keys, result.Delta);
        for (var i = 0; i < EventKeys.Count; i++)
        {
            var key = keys[i];
            kept.Deltas[i].Counters.Add(judged.Counters);
            if (!key.IsToDate)
            {
                // No correction mark: a window closes only after the events it holds are judged (its end is after them),
                // and an event that arrived late was marked on arrival.
                _windows.Record(kept.Buckets[i - PostDeltas.MinuteKeys], key.BucketStart, judged, _tickedThrough, result.Delta.WallClockMs);
            }
        }
    }

    /// <summary>
    /// Counts a click judged inauthentic, to date and in its minute (docs/design.md, "Trends": the rates judged for drops
    /// leave bought clicks out). A judged click is in a window that has not closed yet, as a judged engagement is.
    /// </summary>
    private void CountInauthenticClick(AudienceEvent click, BatchResult result)
    {
        var judged = Scratch();
        judged.Counters.InauthenticClicks = 1;
        var keys = KeysOf(click);
        ref var kept = ref Kept(click, keys, result.Delta);
        for (var i = 0; i < EventKeys.Count; i++)
        {
            var key = keys[i];
            kept.Deltas[i].Counters.InauthenticClicks++;
            if (!key.IsToDate)
            {
                _windows.Record(kept.Buckets[i - PostDeltas.MinuteKeys], key.BucketStart, judged, _tickedThrough, result.Delta.WallClockMs);
            }
        }
    }
}
