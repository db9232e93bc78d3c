using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Content;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Spikes;

/// <summary>
/// Finds a post's comments turning negative (<c>negative_sentiment_spike</c>; docs/design.md, "Content"): in each closed
/// one-minute window, in event time, the post's negative authentic comments are judged against their own recent history
/// with the engagement spike rule (<see cref="KeyBaseline"/>: z-score, ratio and a floor of a few comments), and the
/// minute's share of negative comments must have turned as well (<see cref="SentimentSpikeOptions"/>), so a post that
/// only got busier is no backlash. One turn gives one alert: the episode lasts until the post is back to normal. A
/// spike half of whose negative comments are later revised as inauthentic (an attack by bought accounts, say) is
/// retracted under the same id, as engagement spikes are. Posts only: a creator-wide turn shows on the posts it
/// reaches. Deterministic for a given order of windows. Memory: one small baseline per post with recent comments.
/// Mutable; not thread-safe.
/// </summary>
public sealed class SentimentSpikeDetector(SentimentSpikeOptions options)
{
    /// <summary>Spikes kept for retraction: far more than raise within a revision horizon on any campaign.</summary>
    private const int MaxRaised = 1_024;

    private readonly Dictionary<AggregateKey, SentimentBaseline> _baselines = [];
    private readonly MinuteQueue<Dictionary<AggregateKey, (long Negative, long Judged)>> _minutes = new(static counts => counts.Clear());
    private readonly RaisedSpikes _raised = new(MaxRaised);
    private readonly List<AggregateKey> _posts = []; // one minute's, in order; kept from minute to minute

    public int TrackedKeys => _baselines.Count;

    /// <summary>Takes a batch's closed windows; judges every minute the watermark has closed; adds alerts to <paramref name="alerts"/>.</summary>
    public void Observe(IReadOnlyList<ClosedWindow> closed, long watermark, long wallClockMs, List<Alert> alerts)
    {
        foreach (var window in closed)
        {
            if (window.IsCorrection)
            {
                continue; // judged on what was known when the minute closed, as engagement spikes are
            }

            _minutes.Reached(window.Key.BucketStart);
            if (window.Key.Scope == AggregateScope.Content && window.Counters.CommentsJudged > 0)
            {
                _minutes.At(window.Key.BucketStart)[window.Key.AsToDate()] = (window.Counters.CommentsNegative, window.Counters.CommentsJudged);
            }
        }

        _minutes.Drain(watermark, () => _baselines.Count > 0, (minuteStart, counts) => Judge(minuteStart, counts, wallClockMs, alerts));
    }

    private void Judge(long minuteStart, Dictionary<AggregateKey, (long Negative, long Judged)> counts, long wallClockMs, List<Alert> alerts)
    {
        var rule = options.Counts;
        PostOrder.SortUnion(_posts, _baselines, counts);
        foreach (var key in _posts)
        {
            if (!_baselines.TryGetValue(key, out var baseline))
            {
                baseline = new SentimentBaseline();
                _baselines.Add(key, baseline);
            }

            var (negative, judged) = counts.GetValueOrDefault(key);
            var usualShare = baseline.NegativeShare;
            var share = judged > 0 ? (double)negative / judged : 0;
            var turned = share >= options.MinNegativeShare && share >= options.MinShareRatio * usualShare;
            var raised = (negative - baseline.Negatives.Mean) / baseline.Negatives.StdDev >= rule.ClearZ;

            // A minute whose mix has turned and whose negatives are well above normal is not learnt, spike or not, so a
            // backlash that builds slowly is judged against the conversation before it rather than against its own first
            // minutes; a turn that lasts longer than an episode is the post's new normal, and is learnt from then on. An
            // ordinary minute that happens to have a few more negatives is learnt: leaving those out would bias "normal"
            // low and make a busy post's noise look like a turn.
            baseline.TurnedMinutes = turned && raised ? baseline.TurnedMinutes + 1 : 0;
            baseline.Run = baseline.TurnedMinutes <= 1 ? (negative, judged) : (baseline.Run.Negatives + negative, baseline.Run.Comments + judged);
            var learn = baseline.TurnedMinutes == 0 || baseline.TurnedMinutes > rule.MaxEpisodeMinutes;

            // The binomial test weighs the whole run of turned minutes: three minutes of 5 negative of 7 are far less
            // likely by chance than any one of them, and a backlash is rarely over in a minute.
            var chance = turned ? Binomial.TailAtLeast(baseline.Run.Negatives, baseline.Run.Comments, Math.Max(baseline.SlowNegativeShare, options.MinUsualShare)) : 1;
            var canSpike = chance <= options.MaxChance;
            var verdict = baseline.Negatives.Evaluate(negative, minuteStart, rule, canDrop: false, canSpike, learn);
            baseline.LearnIfLearnt(negative, judged, rule.Alpha); // the usual mix moves exactly when the count's baseline does
            if (verdict == Verdict.Spike)
            {
                var (expected, stdDev) = baseline.Negatives.Judged;
                alerts.Add(AlertFor(key, minuteStart, negative, judged, expected, stdDev, share, usualShare, wallClockMs));
                _raised.Add(new RaisedSpike(key.CampaignId, key.CreatorId, key.ContentId, creatorScope: false, minuteStart, EventTime.BucketEnd(minuteStart), negative, expected, stdDev, wallClockMs));
            }

            if (baseline.Negatives.Minutes > 0 && !baseline.Negatives.InSpike && baseline.Negatives.Mean < rule.ForgetBelow && baseline.Comments < rule.ForgetBelow)
            {
                _baselines.Remove(key);
            }
        }
    }

    /// <summary>
    /// Takes a revision: a negative comment counted in a spike it raised has been found inauthentic. Once half of what a
    /// spike counted is so revised, its alert is re-sent under the same id, marked retracted.
    /// </summary>
    public void Revise(RevisedEngagement revised, long wallClockMs, List<Alert> alerts)
    {
        if (CommentTraits.SentimentOf(revised.CommentTraits) != SentimentClass.Negative)
        {
            return;
        }

        foreach (var spike in _raised.Revise(revised))
        {
            var key = AggregateKey.Content(spike.CampaignId, spike.CreatorId, spike.ContentId!, revised.Platform);
            var alert = AlertFor(key, spike.WindowStart, spike.Observed, judged: null, spike.Expected, spike.StdDev, share: null, usualShare: null, spike.DetectedAtMs);
            alert.Details["retracted"] = true;
            alert.Details["retracted_at"] = wallClockMs;
            alert.Details["revised_comments"] = spike.Revised;
            alert.Details["reason"] = "most of its negative comments were found inauthentic after it was raised";
            alerts.Add(alert);
        }
    }

    /// <summary>Forgets raised spikes no revision can reach any more (older than <paramref name="horizonMs"/> behind the watermark).</summary>
    public void ForgetRaised(long watermark, long horizonMs) => _raised.Forget(watermark, horizonMs);

    private static Alert AlertFor(AggregateKey key, long minuteStart, long negative, long? judged, double expected, double stdDev, double? share, double? usualShare, long wallClockMs) => new()
    {
        AlertId = $"{AlertKinds.NegativeSentimentSpike}:{key.CampaignId}:{key.CreatorId}:{key.ContentId}:{minuteStart}",
        Kind = AlertKinds.NegativeSentimentSpike,
        CampaignId = key.CampaignId,
        CreatorId = key.CreatorId,
        ContentId = key.ContentId,
        WindowStart = minuteStart,
        WindowEnd = EventTime.BucketEnd(minuteStart),
        DetectedAtMs = wallClockMs,
        Details = new JsonObject
        {
            ["scope"] = "content",
            ["observed"] = negative,
            ["expected"] = Math.Round(expected, 2),
            ["std_dev"] = Math.Round(stdDev, 2),
            ["z_score"] = Math.Round((negative - expected) / stdDev, 2),
            ["comments"] = judged,
            ["negative_share"] = share is { } s ? Math.Round(s, 3) : null,
            ["usual_negative_share"] = usualShare is { } u ? Math.Round(u, 3) : null,
            ["recommendation"] = "Read the post's latest comments and agree a reply with the creator before the next post.",
        },
    };

    /// <summary>Writes the baselines, the minutes waiting to be judged and the raised spikes (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        _minutes.SaveClock(writer);
        writer.Write(_baselines, static (w, key) => w.Write(key), static (w, baseline) => baseline.Save(w));
        _minutes.SavePending(writer, static (w, counts) => w.Write(counts, static (c, key) => c.Write(key), static (c, count) =>
        {
            c.Write(count.Negative);
            c.Write(count.Judged);
        }));
        _raised.Save(writer);
    }

    /// <summary>Reads into this fresh detector (same options) what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _minutes.LoadClock(reader);
        reader.Into(_baselines, static r => r.AggregateKey(), SentimentBaseline.Load);
        _minutes.LoadPending(reader, static r =>
        {
            var counts = new Dictionary<AggregateKey, (long, long)>();
            r.Into(counts, static c => c.AggregateKey(), static c => (c.Long(), c.Long()));
            return counts;
        });
        _raised.Load(reader);
    }
}
