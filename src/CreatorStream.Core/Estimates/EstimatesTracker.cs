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

    // A recent post's exposure (null: its campaign is not the brand's) and its creator's audience once an impression
    // with a country made it, by its ids' references (Metrics.RecentPosts): an impression of a busy post hashes no id.
    private readonly Metrics.RecentPosts<(PostExposure? Post, Dictionary<string, long>? Audience)> _recentPosts = new();

    // Each creator's posts, for a code use's latest post without a scan of every post (derived: rebuilt by Load).
    private readonly Dictionary<CreatorRef, List<PostExposure>> _creatorPosts = [];
    private readonly Dictionary<CreatorRef, LeakTally> _leaks = [];
    // Every order an estimate counted (unattributed, a code use, a holdout's), kept for its refunds as long as the
    // attributor keeps orders, so the estimates are net of refunds as the measured figures are.
    private readonly Dictionary<string, OrderMemo> _orders = new(StringComparer.Ordinal);
    private readonly Queue<(string OrderId, long Ts)> _orderArrivals = new();
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
        var (campaignId, creatorId, contentId) = (impression.CampaignId, impression.CreatorId, impression.ContentId);
        if (!_recentPosts.TryGet(campaignId, creatorId, contentId, default, out var recent))
        {
            recent = (Post(campaignId, creatorId, contentId, impression.Ts), null);
            _recentPosts.Set(campaignId, creatorId, contentId, default, recent);
        }
        else if (recent.Post is { } known && impression.Ts < known.Start)
        {
            Post(campaignId, creatorId, contentId, impression.Ts); // moves its start earlier, as a post report would
        }

        if (recent.Post is { } post)
        {
            post.Impression(impression.Ts);
            HaloInput(impression.Ts / HaloEstimator.HourMs);
        }

        if (impression.Country is { } country)
        {
            // Made only when a country is seen, as before the cache: a creator without one has no audience to save.
            if (recent.Audience is null)
            {
                recent.Audience = AudienceOf(new CreatorRef(campaignId, creatorId));
                _recentPosts.Set(campaignId, creatorId, contentId, default, recent);
            }

            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(recent.Audience, country, out _)++;
        }
    }

    private Dictionary<string, long> AudienceOf(CreatorRef creator)
    {
        if (!_audience.TryGetValue(creator, out var countries))
        {
            _audience[creator] = countries = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        }

        return countries;
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
            if (outcome == ConversionOutcome.Refunded && _orders.TryGetValue(conversion.OrderId, out var refunded))
            {
                Refund(refunded, (double)-conversion.Value);
            }

            return;
        }

        var value = (double)conversion.Value;
        _orders.Remove(conversion.OrderId); // an order id sent again: its refunds are the new order's, as the attributor's are
        _dirty |= codeOwner is not null || _lift.Count > 0;
        if (outcome == ConversionOutcome.Unattributed)
        {
            ref var hour = ref HourRef(conversion.Ts, startsBaseline: false);
            hour.Conversions++;
            hour.Revenue += value;
            hour.RevenueSquares += value * value;
            Memo(conversion)?.HaloHour = conversion.Ts / HaloEstimator.HourMs;
        }
        else if (_newestHour < conversion.Ts / HaloEstimator.HourMs)
        {
            HourRef(conversion.Ts, startsBaseline: false); // the hours the estimates read run to the newest order, attributed or not
        }

        if (codeOwner is { } owner)
        {
            CodeUse(conversion, owner, journey, alerts, wallClockMs);
        }

        string? userId = null;
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

            userId ??= conversion.UserId; // made from its key once, and only for a campaign with a hold-out
            var group = Holdout.GroupOf(campaign.EstimatePolicy.Holdout!, conversion.Country, userId);
            if (group == HoldoutGroup.Unassigned)
            {
                _unassigned[campaignId] = _unassigned.GetValueOrDefault(campaignId) + 1;
                continue;
            }

            var cell = ((int)group * 2) + (conversion.Ts < start ? 0 : 1);
            tallies[cell].Add(value);
            if (Memo(conversion) is { } memo)
            {
                (memo.Lift ??= []).Add((campaignId, cell));
            }
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
        while (watermark != long.MinValue && _orderArrivals.TryPeek(out var oldest) && oldest.Ts < cutoff)
        {
            _orderArrivals.Dequeue();
            _orders.Remove(oldest.OrderId);
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
            CreatorPosts(new CreatorRef(campaignId, creatorId)).Add(post);
            HaloInput(post.StartHour);
        }
        else if (start < post.Start)
        {
            post.StartedAt(start);
            HaloInput(post.StartHour);
        }

        return post;
    }

    private List<PostExposure> CreatorPosts(CreatorRef creator)
    {
        if (!_creatorPosts.TryGetValue(creator, out var posts))
        {
            _creatorPosts[creator] = posts = [];
        }

        return posts;
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

        var latestPost = long.MinValue;
        if (_creatorPosts.TryGetValue(owner, out var ownPosts))
        {
            foreach (var post in ownPosts)
            {
                latestPost = post.Start <= conversion.Ts ? Math.Max(latestPost, post.Start) : latestPost;
            }
        }

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

        if (Memo(conversion) is { } memo)
        {
            memo.CodeOwner = owner;
            memo.Signs = (suspicious ? LeakSigns.Suspicious : 0) | (noTouch ? LeakSigns.NoTouch : 0) | (coupon ? LeakSigns.Coupon : 0)
                | (foreign ? LeakSigns.Foreign : 0) | (offPattern ? LeakSigns.OffPattern : 0);
        }

        if (suspicious && !tally.Alerted && CodeLeakRules.Alerts(tally.Suspicious, tally.Uses))
        {
            tally.Alerted = true;
            alerts.Add(LeakAlert(owner, tally, conversion.Ts, wallClockMs));
        }
    }

    /// <summary>
    /// The memo of an order an estimate counts, made (and queued for forgetting) the first time; none for an order
    /// without value, which the attributor refunds nothing of.
    /// </summary>
    private OrderMemo? Memo(Conversion conversion)
    {
        if (conversion.Value <= 0)
        {
            return null;
        }

        if (!_orders.TryGetValue(conversion.OrderId, out var memo))
        {
            _orders[conversion.OrderId] = memo = new OrderMemo { Value = (double)conversion.Value };
            _orderArrivals.Enqueue((conversion.OrderId, conversion.Ts));
        }

        return memo;
    }

    /// <summary>
    /// A refund of <paramref name="amount"/> of a remembered order: its value leaves the halo's hour, the code's uses and
    /// the holdout's cells it was counted in; a refund in full takes back the order (and a code use's signs) too.
    /// </summary>
    private void Refund(OrderMemo order, double amount)
    {
        var fraction = Math.Min(amount / order.Value, 1 - order.RefundedShare); // a memo's value is above zero
        if (!(fraction > 1e-12))
        {
            return; // nothing, or an order already taken back in full
        }

        var before = order.Value * (1 - order.RefundedShare);
        order.RefundedShare += fraction;
        var whole = order.RefundedShare >= 1 - 1e-9;
        order.RefundedShare = whole ? 1 : order.RefundedShare; // whole once, so a later refund finds nothing left
        var after = whole ? 0 : order.Value * (1 - order.RefundedShare);
        var taken = before - after;
        var squares = (after * after) - (before * before);
        if (order.HaloHour != long.MinValue && _traffic.ContainsKey(order.HaloHour))
        {
            ref var hour = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_traffic, order.HaloHour);
            hour.Conversions -= whole ? 1 : 0;
            hour.Revenue = hour.Conversions == 0 ? 0 : hour.Revenue - taken; // no rounding residue once none is left
            hour.RevenueSquares = hour.Conversions == 0 ? 0 : hour.RevenueSquares + squares;
            HaloInput(order.HaloHour);
        }

        if (order.CodeOwner is { } owner && _leaks.TryGetValue(owner, out var tally))
        {
            var signs = order.Signs;
            tally.Revenue -= taken;
            tally.SuspiciousRevenue -= signs.HasFlag(LeakSigns.Suspicious) ? taken : 0;
            if (whole)
            {
                tally.Uses--; // a use is whole: taken back, with its signs, when the order is refunded in full
                tally.Suspicious -= signs.HasFlag(LeakSigns.Suspicious) ? 1 : 0;
                tally.NoTouch -= signs.HasFlag(LeakSigns.NoTouch) ? 1 : 0;
                tally.Coupon -= signs.HasFlag(LeakSigns.Coupon) ? 1 : 0;
                tally.Foreign -= signs.HasFlag(LeakSigns.Foreign) ? 1 : 0;
                tally.OffPattern -= signs.HasFlag(LeakSigns.OffPattern) ? 1 : 0;
                tally.Revenue = tally.Uses == 0 ? 0 : tally.Revenue;
                tally.SuspiciousRevenue = tally.Suspicious == 0 ? 0 : tally.SuspiciousRevenue;
            }

            _dirty = true;
        }

        foreach (var (campaignId, cell) in order.Lift ?? [])
        {
            if (_lift.TryGetValue(campaignId, out var tallies))
            {
                tallies[cell].Conversions -= whole ? 1 : 0;
                tallies[cell].Revenue = tallies[cell].Conversions == 0 ? 0 : tallies[cell].Revenue - taken;
                tallies[cell].RevenueSquares = tallies[cell].Conversions == 0 ? 0 : tallies[cell].RevenueSquares + squares;
                _dirty = true;
            }
        }
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
        writer.Write(_orderArrivals, static (w, arrival) =>
        {
            var order = arrival.OrderId;
            w.Write(order);
            w.Write(arrival.Ts);
        });
        writer.Write(_orders, static (w, order) => w.Write(order), static (w, order) => order.Save(w));
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

    /// <summary>
    /// Reads what <see cref="Save"/> wrote into this fresh tracker (same catalog), in brand snapshot format
    /// <paramref name="format"/>: before <see cref="Dataflow.BrandTask.RefundedEstimatesFormat"/> only code uses were
    /// remembered (without their signs), so refunds of the orders before the restore leave the halo and holdout gross.
    /// </summary>
    public void Load(Snapshots.SnapshotReader reader, byte format)
    {
        _recentPosts.Clear(); // its posts and audiences are replaced below
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
            CreatorPosts(new CreatorRef(post.CampaignId, post.CreatorId)).Add(post);
        });
        reader.Into(_audience, static r => new CreatorRef(r.String(), r.String()), static r =>
        {
            var countries = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            r.Into(countries, static r2 => r2.String(), static r2 => r2.Long());
            return countries;
        });
        reader.Into(_leaks, static r => new CreatorRef(r.String(), r.String()), LeakTally.Load);
        reader.Each(r => _orderArrivals.Enqueue((r.String(), r.Long())));
        if (format >= Dataflow.BrandTask.RefundedEstimatesFormat)
        {
            reader.Into(_orders, static r => r.String(), OrderMemo.Load);
        }
        else
        {
            reader.Into(_orders, static r => r.String(), static r => new OrderMemo
            {
                CodeOwner = new CreatorRef(r.String(), r.String()),
                Value = r.Double(),
                Signs = r.Bool() ? LeakSigns.Suspicious : 0,
                RefundedShare = r.Double(),
            });
        }

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

    /// <summary>The signs of a leak a code use showed, remembered so a full refund takes them back.</summary>
    [Flags]
    private enum LeakSigns : byte
    {
        Suspicious = 1,
        NoTouch = 2,
        Coupon = 4,
        Foreign = 8,
        OffPattern = 16,
    }

    /// <summary>An order an estimate counted, remembered for its refunds: where it was counted, and how much is refunded.</summary>
    private sealed class OrderMemo
    {
        public double Value;
        public double RefundedShare;

        /// <summary>The hour whose unattributed orders it is in; <see cref="long.MinValue"/> when attributed.</summary>
        public long HaloHour = long.MinValue;

        public CreatorRef? CodeOwner;
        public LeakSigns Signs;

        /// <summary>The holdout cells it was counted in, by campaign.</summary>
        public List<(string CampaignId, int Cell)>? Lift;

        public void Save(Snapshots.SnapshotWriter w)
        {
            w.Write(Value);
            w.Write(RefundedShare);
            w.Write(HaloHour);
            w.Write(CodeOwner is not null);
            if (CodeOwner is { } owner)
            {
                w.WritePair(owner.CampaignId, owner.CreatorId);
            }

            w.Write((byte)Signs);
            w.Write(Lift ?? [], static (w2, cell) =>
            {
                w2.Write(cell.CampaignId);
                w2.Write(cell.Cell);
            });
        }

        public static OrderMemo Load(Snapshots.SnapshotReader r)
        {
            var memo = new OrderMemo { Value = r.Double(), RefundedShare = r.Double(), HaloHour = r.Long() };
            memo.CodeOwner = r.Bool() ? new CreatorRef(r.String(), r.String()) : null;
            memo.Signs = (LeakSigns)r.Byte();
            List<(string, int)> cells = [];
            r.Each(r2 => cells.Add((r2.String(), r2.Int())));
            memo.Lift = cells.Count == 0 ? null : cells;
            return memo;
        }
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
