using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Estimates;

/// <summary>
/// What one brand's estimates beyond tracked links are made of (docs/design.md, "Estimates"; decision 0026): the hourly
/// untracked sessions and unattributed orders, each post's exposure per hour, each creator's audience countries and
/// code uses, and each holdout's four tallies. Fed in the brand task's (event time, event id) order, so the state is the
/// same live, in replay and with any number of workers. The estimates are made again after each batch that changed
/// them: the halo over the hours of event time that are complete (a later order or session has been seen), the code
/// leaks and holdout tallies as of the newest order; so what is made after the last batch is the same live and in replay.
/// Written whole to the store. Deterministic; mutable; not thread-safe (one brand task).
/// </summary>
public sealed class EstimatesTracker
{
    private readonly CampaignCatalog _catalog;
    private readonly Dictionary<long, HourTraffic> _traffic = [];
    private readonly Dictionary<(string CampaignId, string CreatorId, string ContentId), PostExposure> _posts = [];
    private readonly Dictionary<CreatorRef, Dictionary<string, long>> _audience = [];
    private readonly Dictionary<CreatorRef, LeakTally> _leaks = [];
    private readonly Dictionary<string, CodeOrder> _codeOrders = new(StringComparer.Ordinal);
    private readonly Queue<(string OrderId, long Ts)> _codeOrderArrivals = new();
    private readonly Dictionary<string, LiftTally[]> _lift = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unassigned = new(StringComparer.Ordinal);
    private long _firstHour = long.MinValue;
    private long _newestHour = long.MinValue;
    /// <summary>The longest a visit is taken to last: a session reported later than this after its start is counted when reported.</summary>
    public const long MaxVisitMs = 24 * HaloEstimator.HourMs;

    private bool _dirty = true;

    // The halo is the costly part (a fit and its bootstrap): it is made again only when an input in the hours it reads
    // changed, else the last one made is reused. Not saved: after a restore it is made again the first time it is needed.
    private bool _haloDirty = true;
    private Dictionary<string, HaloEstimate>? _halo;

    public EstimatesTracker(CampaignCatalog brandCatalog)
    {
        _catalog = brandCatalog;
        foreach (var campaign in brandCatalog.Campaigns)
        {
            if (campaign.EstimatePolicy.Holdout is not null)
            {
                _lift[campaign.CampaignId] = new LiftTally[4];
            }
        }
    }

    /// <summary>A post report: its publication time starts (or moves earlier) its halo window.</summary>
    public void ObservePost(PostEvent post)
    {
        if (post.Action != PostAction.Deleted)
        {
            Post(post.CampaignId, post.CreatorId, post.ContentId, post.PublishedAt);
        }
    }

    /// <summary>An impression: its post's exposure in the hour, and its creator's audience by country.</summary>
    public void ObserveImpression(AudienceEvent impression)
    {
        if (Post(impression.CampaignId, impression.CreatorId, impression.ContentId, impression.Ts) is { } post)
        {
            post.Impression(impression.Ts);
            HaloInput(impression.Ts / HaloEstimator.HourMs);
        }

        if (impression.Country is { } country)
        {
            var creator = new CreatorRef(impression.CampaignId, impression.CreatorId);
            if (!_audience.TryGetValue(creator, out var countries))
            {
                _audience[creator] = countries = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            }

            countries[country] = countries.GetValueOrDefault(country) + 1;
        }
    }

    /// <summary>A site session that joined no creator's click: the halo's traffic, unless a paid, email or coupon source explains it.</summary>
    public void ObserveUnmatchedSession(SiteSession session)
    {
        if (session.ReferrerClass is ReferrerClass.Paid or ReferrerClass.Email or ReferrerClass.Coupon)
        {
            return;
        }

        // A visit is counted in the hour it began, unless its start is implausibly far behind its report (a broken clock):
        // then in the hour it was reported, so one bad start cannot open years of empty baseline hours.
        var began = session.Ts - session.StartedAt > MaxVisitMs ? session.Ts : session.StartedAt;
        HourRef(began, startsBaseline: true).Sessions++;
    }

    /// <summary>
    /// A conversion the attributor has credited (with <paramref name="journey"/>, the posts of its journey, and
    /// <paramref name="codeOwner"/>, the creator whose code it carries, as <see cref="ConversionAttributor.CodeOwner"/>
    /// says) or refunded: the halo's unattributed orders, the code's uses and the holdout's tallies. A leak's alert goes
    /// to <paramref name="alerts"/>.
    /// </summary>
    public void ObserveConversion(Conversion conversion, ConversionOutcome outcome, IReadOnlyList<TouchedPost> journey, CreatorRef? codeOwner, List<Alert> alerts, long wallClockMs)
    {
        if (conversion.IsRefund)
        {
            if (outcome == ConversionOutcome.Refunded && _codeOrders.TryGetValue(conversion.OrderId, out var refunded))
            {
                RefundCodeUse(refunded, (double)-conversion.Value);
            }

            return;
        }

        var value = (double)conversion.Value;
        _dirty |= codeOwner is not null || _lift.Count > 0;
        if (outcome == ConversionOutcome.Unattributed)
        {
            ref var hour = ref HourRef(conversion.Ts, startsBaseline: false);
            hour.Conversions++;
            hour.Revenue += value;
            hour.RevenueSquares += value * value;
        }
        else if (_newestHour < conversion.Ts / HaloEstimator.HourMs)
        {
            HourRef(conversion.Ts, startsBaseline: false); // the hours the estimates read run to the newest order, attributed or not
        }

        if (codeOwner is { } owner)
        {
            CodeUse(conversion, owner, journey, alerts, wallClockMs);
        }

        foreach (var (campaignId, tallies) in _lift)
        {
            if ((conversion.CampaignId is { } own && own != campaignId) || !_catalog.TryGet(campaignId, out var campaign))
            {
                continue;
            }

            var (start, end) = campaign.HoldoutPeriod!.Value;
            if (conversion.Ts >= end)
            {
                continue;
            }

            var group = Holdout.GroupOf(campaign.EstimatePolicy.Holdout!, conversion.Country, conversion.UserId);
            if (group == HoldoutGroup.Unassigned)
            {
                _unassigned[campaignId] = _unassigned.GetValueOrDefault(campaignId) + 1;
                continue;
            }

            var period = conversion.Ts < start ? 0 : 1;
            tallies[((int)group * 2) + period].Add(value);
        }
    }

    /// <summary>
    /// After a batch: when something changed, the estimates are made again over the complete hours (those before the
    /// newest order's or session's); each campaign's goes to <paramref name="written"/>.
    /// </summary>
    public void Refresh(Dictionary<string, CampaignEstimates> written, long wallClockMs)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        var halo = Halo();
        var asOf = _newestHour == long.MinValue ? 0 : _newestHour * HaloEstimator.HourMs;
        foreach (var campaign in _catalog.Campaigns)
        {
            written[campaign.CampaignId] = new CampaignEstimates
            {
                CampaignId = campaign.CampaignId,
                AsOf = asOf,
                UpdatedAt = wallClockMs,
                Halo = halo[campaign.CampaignId],
                CodeLeaks = [.. _leaks.Where(l => l.Key.CampaignId == campaign.CampaignId).OrderBy(l => l.Key.CreatorId, StringComparer.Ordinal).Select(l => l.Value.Figures(l.Key.CreatorId))],
                Incrementality = Lift(campaign),
            };
        }
    }

    /// <summary>The halo of each campaign over the complete hours, made again only when its inputs there changed.</summary>
    private Dictionary<string, HaloEstimate> Halo()
    {
        if (_halo is not null && !_haloDirty)
        {
            return _halo;
        }

        _haloDirty = false;
        var campaigns = _catalog.Campaigns.ToDictionary(
            c => c.CampaignId, c => new HaloEstimator.Settings(c.EstimatePolicy.HaloWindowHours, c.EstimatePolicy.HaloHalfLifeHours), StringComparer.Ordinal);
        var posts = _posts.OrderBy(p => p.Key.CampaignId, StringComparer.Ordinal).ThenBy(p => p.Key.CreatorId, StringComparer.Ordinal)
            .ThenBy(p => p.Key.ContentId, StringComparer.Ordinal).Select(p => p.Value).ToList();
        return _halo = _firstHour == long.MinValue
            ? HaloEstimator.Estimate(_traffic, posts, campaigns, 0, -1) // no site traffic yet: not enough data
            : HaloEstimator.Estimate(_traffic, posts, campaigns, _firstHour, _newestHour - 1);
    }

    /// <summary>
    /// An input of hour <paramref name="hour"/> changed: the halo reads it (and so must be made again) only when the hour is
    /// complete, that is before the newest hour of site traffic.
    /// </summary>
    private void HaloInput(long hour)
    {
        if (_newestHour != long.MinValue && hour < _newestHour)
        {
            _haloDirty = true;
            _dirty = true;
        }
    }

    /// <summary>Forgets code uses no refund can reach any more (<see cref="ConversionAttributor.OrderMemory"/>).</summary>
    public void Evict(long watermark)
    {
        var cutoff = watermark - (long)ConversionAttributor.OrderMemory.TotalMilliseconds;
        while (watermark != long.MinValue && _codeOrderArrivals.TryPeek(out var oldest) && oldest.Ts < cutoff)
        {
            _codeOrderArrivals.Dequeue();
            _codeOrders.Remove(oldest.OrderId);
        }
    }

    private LiftEstimate? Lift(CampaignConfig campaign)
    {
        if (!_lift.TryGetValue(campaign.CampaignId, out var tallies))
        {
            return null;
        }

        var (start, end) = campaign.HoldoutPeriod!.Value;
        return LiftEstimator.Estimate(
            Holdout.Describe(campaign.EstimatePolicy.Holdout!), start, end, tallies[0], tallies[1], tallies[2], tallies[3], _unassigned.GetValueOrDefault(campaign.CampaignId));
    }

    private PostExposure? Post(string campaignId, string creatorId, string contentId, long start)
    {
        if (!_catalog.TryGet(campaignId, out var campaign))
        {
            return null;
        }

        var key = (campaignId, creatorId, contentId);
        if (!_posts.TryGetValue(key, out var post))
        {
            _posts[key] = post = new PostExposure(campaignId, creatorId, contentId, start, campaign.EstimatePolicy.HaloWindowHours);
            HaloInput(post.StartHour);
        }
        else if (start < post.Start)
        {
            post.StartedAt(start);
            HaloInput(post.StartHour);
        }

        return post;
    }

    private void CodeUse(Conversion conversion, CreatorRef owner, IReadOnlyList<TouchedPost> journey, List<Alert> alerts, long wallClockMs)
    {
        var noTouch = !journey.Any(p => p.CampaignId == owner.CampaignId && p.CreatorId == owner.CreatorId);
        var coupon = conversion.ReferrerClass == ReferrerClass.Coupon;
        var foreign = false;
        if (conversion.Country is { } country && _audience.TryGetValue(owner, out var countries) && countries.Values.Sum() is var seen && seen >= CodeLeakRules.MinAudienceImpressions)
        {
            foreign = countries.GetValueOrDefault(country) < CodeLeakRules.ForeignShare * seen;
        }

        var latestPost = _posts.Values.Where(p => p.CampaignId == owner.CampaignId && p.CreatorId == owner.CreatorId && p.Start <= conversion.Ts)
            .Select(p => p.Start).DefaultIfEmpty(long.MinValue).Max();
        var offPattern = latestPost == long.MinValue || conversion.Ts - latestPost > CodeLeakRules.OffPatternMs;
        var suspicious = coupon || (noTouch && (foreign || offPattern));
        if (!_leaks.TryGetValue(owner, out var tally))
        {
            _leaks[owner] = tally = new LeakTally { FirstUse = conversion.Ts };
        }

        tally.FirstUse = Math.Min(tally.FirstUse, conversion.Ts);

        var value = (double)conversion.Value;
        tally.Uses++;
        tally.Revenue += value;
        tally.NoTouch += noTouch ? 1 : 0;
        tally.Coupon += coupon ? 1 : 0;
        tally.Foreign += foreign ? 1 : 0;
        tally.OffPattern += offPattern ? 1 : 0;
        if (suspicious)
        {
            tally.Suspicious++;
            tally.SuspiciousRevenue += value;
        }

        if (_codeOrders.TryAdd(conversion.OrderId, new CodeOrder(owner, value, suspicious)))
        {
            _codeOrderArrivals.Enqueue((conversion.OrderId, conversion.Ts));
        }

        if (suspicious && !tally.Alerted && CodeLeakRules.Alerts(tally.Suspicious, tally.Uses))
        {
            tally.Alerted = true;
            alerts.Add(LeakAlert(owner, tally, conversion.Ts, wallClockMs));
        }
    }

    private void RefundCodeUse(CodeOrder order, double amount)
    {
        var fraction = Math.Min(amount / order.Value, 1 - order.RefundedShare);
        if (fraction <= 0 || !_leaks.TryGetValue(order.Owner, out var tally))
        {
            return;
        }

        var wasWhole = order.RefundedShare >= 1 - 1e-9;
        order.RefundedShare += fraction;
        tally.Revenue -= fraction * order.Value;
        tally.SuspiciousRevenue -= order.Suspicious ? fraction * order.Value : 0;
        if (!wasWhole && order.RefundedShare >= 1 - 1e-9)
        {
            tally.Uses--; // a use is whole: taken back when the order is refunded in full
            tally.Suspicious -= order.Suspicious ? 1 : 0;
        }

        _dirty = true;
    }

    private static Alert LeakAlert(CreatorRef owner, LeakTally tally, long ts, long wallClockMs) => new()
    {
        AlertId = $"{AlertKinds.CodeLeak}:{owner.CampaignId}:{owner.CreatorId}",
        Kind = AlertKinds.CodeLeak,
        CampaignId = owner.CampaignId,
        CreatorId = owner.CreatorId,
        WindowStart = tally.FirstUse,
        WindowEnd = ts,
        DetectedAtMs = wallClockMs,
        Details = new JsonObject
        {
            ["uses"] = tally.Uses,
            ["suspicious_uses"] = tally.Suspicious,
            ["suspicious_share"] = (double)tally.Suspicious / tally.Uses,
            ["suspicious_revenue"] = tally.SuspiciousRevenue,
            ["no_touch"] = tally.NoTouch,
            ["coupon_referrer"] = tally.Coupon,
            ["foreign_country"] = tally.Foreign,
            ["off_pattern"] = tally.OffPattern,
            ["estimate"] = true,
        },
    };

    /// <summary>
    /// The traffic of the hour of <paramref name="ts"/>, to be changed: the halo is made again when that hour is complete, or
    /// when it is a new newest hour (which completes the one before). Only sessions (<paramref name="startsBaseline"/>)
    /// move the first hour read: hours before the site's first session say nothing about its traffic, and an order's
    /// hour setting it would make the first hour depend on which events came first.
    /// </summary>
    private ref HourTraffic HourRef(long ts, bool startsBaseline)
    {
        var hour = ts / HaloEstimator.HourMs;
        HaloInput(hour);
        if (hour > _newestHour)
        {
            _newestHour = hour;
            _haloDirty = true;
            _dirty = true;
        }

        if (startsBaseline)
        {
            _firstHour = _firstHour == long.MinValue ? hour : Math.Min(_firstHour, hour);
        }
        return ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_traffic, hour, out _);
    }

    /// <summary>Writes the tracker's state (docs/design.md, "Recovery"); the catalog's holdouts are rebuilt by the constructor.</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_firstHour);
        writer.Write(_newestHour);
        writer.Write(_dirty);
        writer.Write(_traffic, static (w, hour) => w.Write(hour), static (w, cell) =>
        {
            w.Write(cell.Sessions);
            w.Write(cell.Conversions);
            w.Write(cell.Revenue);
            w.Write(cell.RevenueSquares);
        });
        writer.Write(_posts.Values, static (w, post) =>
        {
            w.Write(post.CampaignId);
            w.Write(post.CreatorId);
            w.Write(post.ContentId);
            w.Write(post.Start);
            w.Write(post.Hourly.Length);
            foreach (var count in post.Hourly)
            {
                w.Write(count);
            }
        });
        writer.Write(_audience, static (w, creator) => w.WritePair(creator.CampaignId, creator.CreatorId), static (w, countries) =>
            w.Write(countries, static (w2, country) => w2.Write(country), static (w2, count) => w2.Write(count)));
        writer.Write(_leaks, static (w, creator) => w.WritePair(creator.CampaignId, creator.CreatorId), static (w, tally) => tally.Save(w));
        writer.Write(_codeOrderArrivals, static (w, arrival) =>
        {
            var order = arrival.OrderId;
            w.Write(order);
            w.Write(arrival.Ts);
        });
        writer.Write(_codeOrders, static (w, order) => w.Write(order), static (w, order) =>
        {
            w.WritePair(order.Owner.CampaignId, order.Owner.CreatorId);
            w.Write(order.Value);
            w.Write(order.Suspicious);
            w.Write(order.RefundedShare);
        });
        writer.Write(_lift, static (w, campaign) => w.Write(campaign), static (w, tallies) =>
        {
            foreach (var tally in tallies)
            {
                w.Write(tally.Conversions);
                w.Write(tally.Revenue);
                w.Write(tally.RevenueSquares);
            }
        });
        writer.Write(_unassigned, static (w, campaign) => w.Write(campaign), static (w, count) => w.Write(count));
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh tracker (same catalog).</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _firstHour = reader.Long();
        _newestHour = reader.Long();
        _dirty = reader.Bool();
        reader.Into(_traffic, static r => r.Long(), static r => new HourTraffic { Sessions = r.Long(), Conversions = r.Long(), Revenue = r.Double(), RevenueSquares = r.Double() });
        reader.Each(r =>
        {
            var post = new PostExposure(r.String(), r.String(), r.String(), r.Long(), 0);
            var hourly = new long[r.Int()];
            for (var i = 0; i < hourly.Length; i++)
            {
                hourly[i] = r.Long();
            }

            post.Restore(hourly);
            _posts[(post.CampaignId, post.CreatorId, post.ContentId)] = post;
        });
        reader.Into(_audience, static r => new CreatorRef(r.String(), r.String()), static r =>
        {
            var countries = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            r.Into(countries, static r2 => r2.String(), static r2 => r2.Long());
            return countries;
        });
        reader.Into(_leaks, static r => new CreatorRef(r.String(), r.String()), LeakTally.Load);
        reader.Each(r => _codeOrderArrivals.Enqueue((r.String(), r.Long())));
        reader.Into(_codeOrders, static r => r.String(), static r => new CodeOrder(new CreatorRef(r.String(), r.String()), r.Double(), r.Bool()) { RefundedShare = r.Double() });
        reader.Each(r =>
        {
            var campaign = r.String();
            var tallies = _lift.GetValueOrDefault(campaign) ?? new LiftTally[4];
            for (var i = 0; i < tallies.Length; i++)
            {
                tallies[i] = new LiftTally { Conversions = r.Long(), Revenue = r.Double(), RevenueSquares = r.Double() };
            }
        });
        reader.Into(_unassigned, static r => r.String(), static r => r.Long());
    }

    /// <summary>A code use remembered for its refunds.</summary>
    private sealed class CodeOrder(CreatorRef owner, double value, bool suspicious)
    {
        public CreatorRef Owner { get; } = owner;
        public double Value { get; } = value;
        public bool Suspicious { get; } = suspicious;
        public double RefundedShare { get; set; }
    }

    /// <summary>A creator's code uses and their signs of a leak.</summary>
    private sealed class LeakTally
    {
        public long FirstUse;
        public long Uses;
        public double Revenue;
        public long Suspicious;
        public double SuspiciousRevenue;
        public long NoTouch;
        public long Coupon;
        public long Foreign;
        public long OffPattern;
        public bool Alerted;

        public CodeLeakFigures Figures(string creatorId) => new()
        {
            CreatorId = creatorId,
            Uses = Uses,
            Revenue = Revenue,
            SuspiciousUses = Suspicious,
            SuspiciousRevenue = SuspiciousRevenue,
            SuspiciousShare = CodeLeakRules.Share(Suspicious, Uses),
            Signals = new CodeLeakSignals(NoTouch, Coupon, Foreign, OffPattern),
            Alerted = Alerted,
        };

        public void Save(Snapshots.SnapshotWriter w)
        {
            w.Write(FirstUse);
            w.Write(Uses);
            w.Write(Revenue);
            w.Write(Suspicious);
            w.Write(SuspiciousRevenue);
            w.Write(NoTouch);
            w.Write(Coupon);
            w.Write(Foreign);
            w.Write(OffPattern);
            w.Write(Alerted);
        }

        public static LeakTally Load(Snapshots.SnapshotReader r) => new()
        {
            FirstUse = r.Long(),
            Uses = r.Long(),
            Revenue = r.Double(),
            Suspicious = r.Long(),
            SuspiciousRevenue = r.Double(),
            NoTouch = r.Long(),
            Coupon = r.Long(),
            Foreign = r.Long(),
            OffPattern = r.Long(),
            Alerted = r.Bool(),
        };
    }
}
