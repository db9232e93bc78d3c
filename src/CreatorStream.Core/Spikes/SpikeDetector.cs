using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Spikes;

/// <summary>
/// Finds engagement spikes (per creator and per post) and sudden drops (per active post) in closed one-minute
/// windows, in event time, on <em>authentic</em> engagement: bought engagement is kept out of the numbers
/// (docs/design.md, "Authenticity") and has its own alert, so it does not raise spike alerts too. Each closed minute is judged against the key's own recent history (<see cref="KeyBaseline"/>);
/// a minute in which a tracked post had no engagement counts as zero. A creator is judged on the sum of its warm
/// posts against the sum of their baselines (so a post's count and its expectation always enter together, and a
/// new post's launch, which is expected, is no spike); that catches surges spread over several posts that no single
/// post shows. One surge gives one alert: an episode lasts until the key is back to normal, and a creator-level
/// spike is not reported while one of its posts is spiking (the post's alert already names the creator). Deterministic for a given order of windows.
/// Memory: one small baseline per active key; quiet keys are forgotten. Mutable; not thread-safe.
/// </summary>
public sealed class SpikeDetector(SpikeOptions options)
{
    /// <summary>Spikes kept for retraction: far more than raise within a revision horizon on any campaign.</summary>
    private const int MaxRaised = 4_096;

    private readonly Dictionary<AggregateKey, KeyBaseline> _baselines = [];
    private readonly Dictionary<(string, string), CreatorEpisode> _episodes = [];
    private readonly MinuteQueue<Dictionary<AggregateKey, long>> _minutes = new(static counts => counts.Clear());
    private readonly RaisedSpikes _raised = new(MaxRaised);

    // Scratch of one minute's judging, kept from minute to minute: the posts in order, and their creators' minutes.
    private readonly List<AggregateKey> _posts = [];
    private readonly List<CreatorMinute> _creators = [];
    private CreatorEpisode _idleEpisode = new(); // stands for a creator with no episode; it stays idle unless one starts

    public int TrackedKeys => _baselines.Count;

    /// <summary>Takes a batch's closed windows; judges every minute the watermark has closed; adds alerts to <paramref name="alerts"/>.</summary>
    public void Observe(IReadOnlyList<ClosedWindow> closed, long watermark, long wallClockMs, List<Alert> alerts)
    {
        foreach (var window in closed)
        {
            if (window.IsCorrection)
            {
                continue; // a baseline learns from what was known when the minute closed; corrections do not re-judge
            }

            _minutes.Reached(window.Key.BucketStart);
            if (window.Key.Scope == AggregateScope.Content)
            {
                _minutes.At(window.Key.BucketStart)[window.Key.AsToDate()] = window.Counters.AuthenticEngagements;
            }
        }

        _minutes.Drain(watermark, () => _baselines.Count > 0, (minuteStart, counts) => Judge(minuteStart, counts, wallClockMs, alerts));
    }

    private void Judge(long minuteStart, Dictionary<AggregateKey, long> counts, long wallClockMs, List<Alert> alerts)
    {
        // The posts in their fixed order, so one creator's posts come together and the creators in order of (campaign, creator).
        PostOrder.SortUnion(_posts, _baselines, counts);
        var creators = 0;
        foreach (var key in _posts)
        {
            var baseline = BaselineFor(key);
            var warm = baseline.Minutes >= options.WarmupMinutes;
            var count = counts.GetValueOrDefault(key);
            var verdict = baseline.Evaluate(count, minuteStart, options, canDrop: true);
            if (verdict != Verdict.None)
            {
                var (expected, stdDev) = baseline.Judged;
                alerts.Add(AlertFor(verdict, key, key.ContentId, count, expected, stdDev, verdict == Verdict.Spike ? minuteStart : baseline.LowSince, minuteStart, wallClockMs));
                if (verdict == Verdict.Spike)
                {
                    _raised.Add(new RaisedSpike(key.CampaignId, key.CreatorId, key.ContentId, creatorScope: false, minuteStart, EventTime.BucketEnd(minuteStart), count, expected, stdDev, wallClockMs));
                }
            }

            if (creators == 0 || !_creators[creators - 1].Of(key.CampaignId, key.CreatorId))
            {
                if (creators == _creators.Count)
                {
                    _creators.Add(new CreatorMinute());
                }

                _creators[creators++].Reset(key.CampaignId, key.CreatorId);
            }

            var creator = _creators[creators - 1];
            if (baseline.InSpike)
            {
                creator.PostSpiking = true;
            }
            else if (warm)
            {
                // Only warm posts: a launching post's count and its (not yet known) expectation stay out together.
                creator.Add(key.ContentId, count, baseline.Judged.Expected, baseline.Judged.StdDev);
            }

            Forget(key, baseline);
        }

        for (var i = 0; i < creators; i++)
        {
            var minute = _creators[i];
            var (campaignId, creatorId) = (minute.CampaignId, minute.CreatorId);
            var known = _episodes.TryGetValue((campaignId, creatorId), out var episode);
            episode ??= _idleEpisode;
            if (episode.Evaluate(minute, options))
            {
                var topContent = minute.TopCount * 2 >= minute.Observed ? minute.TopContent : null;
                var key = AggregateKey.Creator(campaignId, creatorId);
                alerts.Add(AlertFor(Verdict.Spike, key, topContent, minute.Observed, minute.Expected, minute.StdDev, minuteStart, minuteStart, wallClockMs));
                _raised.Add(new RaisedSpike(campaignId, creatorId, topContent, creatorScope: true, minuteStart, EventTime.BucketEnd(minuteStart), minute.Observed, minute.Expected, minute.StdDev, wallClockMs));
            }

            if (!known && episode.Active)
            {
                _episodes.Add((campaignId, creatorId), episode);
                _idleEpisode = new CreatorEpisode();
            }
            else if (known && !episode.Active)
            {
                _episodes.Remove((campaignId, creatorId));
            }
        }
    }

    /// <summary>
    /// Takes a revision: an engagement counted as authentic in a spike it raised has been found part of an inauthentic
    /// group. Once half of what a spike counted is so revised, the spike was not a surge of real interest: its alert is
    /// re-sent, under the same id, marked retracted (docs/design.md, "Spikes"). The baselines keep what they learnt.
    /// </summary>
    public void Revise(Authenticity.RevisedEngagement revised, long wallClockMs, List<Alert> alerts)
    {
        foreach (var spike in _raised.Revise(revised))
        {
            var key = spike.CreatorScope
                ? AggregateKey.Creator(spike.CampaignId, spike.CreatorId)
                : AggregateKey.Content(spike.CampaignId, spike.CreatorId, spike.ContentId!, revised.Platform);
            var alert = AlertFor(Verdict.Spike, key, spike.ContentId, spike.Observed, spike.Expected, spike.StdDev, spike.WindowStart, spike.WindowStart, spike.DetectedAtMs);
            alert.Details["retracted"] = true;
            alert.Details["retracted_at"] = wallClockMs;
            alert.Details["revised_engagements"] = spike.Revised;
            alert.Details["reason"] = "most of its engagement was found inauthentic after it was raised";
            alerts.Add(alert);
        }
    }

    /// <summary>Forgets raised spikes no revision can reach any more (older than <paramref name="horizonMs"/> behind the watermark).</summary>
    public void ForgetRaised(long watermark, long horizonMs) => _raised.Forget(watermark, horizonMs);

    private KeyBaseline BaselineFor(AggregateKey key)
    {
        if (!_baselines.TryGetValue(key, out var baseline))
        {
            baseline = new KeyBaseline();
            _baselines.Add(key, baseline);
        }

        return baseline;
    }

    private void Forget(AggregateKey key, KeyBaseline baseline)
    {
        if (baseline.Minutes > 0 && baseline.Mean < options.ForgetBelow && !baseline.InSpike)
        {
            _baselines.Remove(key);
        }
    }

    private static Alert AlertFor(Verdict verdict, AggregateKey key, string? contentId, long count, double expected, double stdDev, long windowStart, long minuteStart, long wallClockMs)
    {
        var kind = verdict == Verdict.Spike ? AlertKinds.EngagementSpike : AlertKinds.EngagementDrop;
        return new Alert
        {
            AlertId = $"{kind}:{key.CampaignId}:{key.CreatorId}:{contentId ?? "-"}:{windowStart}",
            Kind = kind,
            CampaignId = key.CampaignId,
            CreatorId = key.CreatorId,
            ContentId = contentId,
            WindowStart = windowStart,
            WindowEnd = EventTime.BucketEnd(minuteStart),
            DetectedAtMs = wallClockMs,
            Details = new JsonObject
            {
                ["scope"] = key.Scope == AggregateScope.Content ? "content" : "creator",
                ["observed"] = count,
                ["expected"] = Math.Round(expected, 2),
                ["std_dev"] = Math.Round(stdDev, 2),
                ["z_score"] = Math.Round((count - expected) / stdDev, 2),
                ["ratio"] = expected > 0 ? Math.Round(count / expected, 2) : null,
            },
        };
    }

    /// <summary>Writes the baselines, episodes and minutes waiting to be judged (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        _minutes.SaveClock(writer);
        writer.Write(_baselines, static (w, key) => w.Write(key), static (w, baseline) => baseline.Save(w));
        writer.Write(
            _episodes,
            static (w, key) =>
            {
                w.Write(key.Item1);
                w.Write(key.Item2);
            },
            static (w, episode) => episode.Save(w));
        _minutes.SavePending(writer, static (w, counts) => w.Write(counts, static (c, key) => c.Write(key), static (c, count) => c.Write(count)));
        _raised.Save(writer);
    }

    /// <summary>Reads into this fresh detector (same options) what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _minutes.LoadClock(reader);
        reader.Into(_baselines, static r => r.AggregateKey(), KeyBaseline.Load);
        reader.Into(_episodes, static r => (r.String(), r.String()), CreatorEpisode.Load);
        _minutes.LoadPending(reader, static r =>
        {
            var counts = new Dictionary<AggregateKey, long>();
            r.Into(counts, static c => c.AggregateKey(), static c => c.Long());
            return counts;
        });
        _raised.Load(reader);
    }
}
