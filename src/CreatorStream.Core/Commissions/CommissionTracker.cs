using CreatorStream.Core.Configuration;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Commissions;

/// <summary>A campaign's commission statements as the stream last made them (docs/design.md, "Commissions").</summary>
/// <param name="AsOf">The event time the figures hold at: the brand's newest event when they were made.</param>
/// <param name="Statements">Each creator with a plan, each period from the campaign's start (or the creator's first order) on.</param>
public sealed record CampaignCommissions(long AsOf, List<CommissionStatement> Statements)
{
    /// <summary>When the stream made them (wall clock, Unix ms): the dashboard's freshness. Not in the replay report.</summary>
    public long? UpdatedAt { get; init; }
}

/// <summary>
/// The commission ledgers of one brand's creators that have a plan (issue 23; docs/design.md, "Commissions";
/// decision 0027), fed by the attributor: each credited order with the creator's credit under the plan's model and
/// whether it came through the creator's own code or link, each refund. Statements are made again only when an input
/// changed or event time reached a moment where a figure changes by time alone (an order's hold ending, a new period):
/// exact, not a throttle, so a live run and a replay end with the same statements. Orders are kept as long as the
/// attributor remembers them for refunds (90 days); a period whose orders are all older is frozen as it stands.
/// Deterministic; mutable; not thread-safe (the brand task's thread).
/// </summary>
public sealed class CommissionTracker
{
    /// <summary>Most periods listed per creator (the newest): three years of days.</summary>
    public const int MaxPeriods = 1_100;

    private readonly Dictionary<CreatorRef, CommissionLedger> _ledgers = [];
    private readonly Dictionary<CreatorRef, SortedDictionary<long, CommissionStatement>> _frozen = [];
    private readonly List<(CampaignConfig Campaign, List<(CreatorRef Key, CommissionLedger Ledger)> Ledgers)> _campaigns = []; // creators in the file's order
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<CreatorRef, double> _credit = []; // scratch for one order
    private long _asOf = long.MinValue;

    public CommissionTracker(CampaignCatalog brandCatalog)
    {
        foreach (var campaign in brandCatalog.Campaigns)
        {
            var ledgers = new List<(CreatorRef Key, CommissionLedger Ledger)>();
            foreach (var creator in campaign.Creators)
            {
                if (creator.Commission is { } plan)
                {
                    var key = new CreatorRef(campaign.CampaignId, creator.CreatorId);
                    _ledgers[key] = new CommissionLedger(creator.CreatorId, plan);
                    ledgers.Add((key, _ledgers[key]));
                }
            }

            if (ledgers.Count > 0)
            {
                _campaigns.Add((campaign, ledgers));
                _changed.Add(campaign.CampaignId);
            }
        }
    }

    /// <summary>Orders held across the brand's ledgers.</summary>
    public int Orders => _ledgers.Values.Sum(l => l.Orders);

    /// <summary>An order the attributor credited: into the ledger of each creator with a plan that its credit or code names.</summary>
    internal void Credit(string orderId, OrderRecord order)
    {
        if (_ledgers.Count == 0)
        {
            return;
        }

        _credit.Clear();
        foreach (var (key, share, _) in order.Credits())
        {
            var creator = new CreatorRef(key.CampaignId, key.CreatorId);
            if (_ledgers.TryGetValue(creator, out var ledger) && string.Equals(key.Model, ledger.Plan.Model, StringComparison.Ordinal))
            {
                _credit[creator] = _credit.GetValueOrDefault(creator) + share;
            }
        }

        if (order.Direct is { } owner && _ledgers.ContainsKey(owner))
        {
            _credit.TryAdd(owner, 0);
        }

        foreach (var (creator, credit) in _credit)
        {
            var direct = order.Direct == creator;
            _ledgers[creator].Credit(new CommissionOrder(orderId, order.Ts, order.Kind ?? ConversionKind.Purchase, credit, credit * order.Value, direct, direct ? order.Value : 0));
            _changed.Add(creator.CampaignId);
        }
    }

    /// <summary>A refund of <paramref name="share"/> of an order's value at <paramref name="ts"/>: out of every ledger holding the order.</summary>
    public void Refund(string orderId, long ts, double share)
    {
        foreach (var (creator, ledger) in _ledgers)
        {
            if (ledger.Holds(orderId))
            {
                ledger.Refund(orderId, ts, share);
                _changed.Add(creator.CampaignId);
            }
        }
    }

    /// <summary>
    /// Makes again the statements of each campaign whose inputs changed or whose next time-driven change
    /// <paramref name="asOf"/> (the brand's newest event time) has reached, into <paramref name="into"/>.
    /// </summary>
    public void Refresh(IDictionary<string, CampaignCommissions> into, long asOf, long wallClockMs)
    {
        if (asOf == long.MinValue || _campaigns.Count == 0)
        {
            return;
        }

        _asOf = Math.Max(_asOf, asOf);
        foreach (var (campaign, ledgers) in _campaigns)
        {
            if (_changed.Contains(campaign.CampaignId) || _asOf >= _due.GetValueOrDefault(campaign.CampaignId, long.MinValue))
            {
                into[campaign.CampaignId] = Make(campaign, ledgers) with { UpdatedAt = wallClockMs };
            }
        }

        _changed.Clear();
    }

    /// <summary>
    /// Freezes each period whose orders are all older than the attributor's order memory at <paramref name="boundary"/>
    /// (no refund can reach them) and forgets those orders. Frozen as of <paramref name="newestTs"/>, the brand's newest
    /// event time, so every refund already in the ledger counts (the last making's moment may be older).
    /// </summary>
    public void Evict(long boundary, long newestTs)
    {
        _asOf = Math.Max(_asOf, newestTs);
        if (_asOf == long.MinValue)
        {
            return;
        }

        var cutoff = Math.Min(boundary, _asOf) - (long)ConversionAttributor.OrderMemory.TotalMilliseconds;
        foreach (var (campaign, ledgers) in _campaigns)
        {
            var (flatFrom, flatUntil) = FlatSpan(campaign);
            foreach (var (key, ledger) in ledgers)
            {
                var period = ledger.Plan.Period;
                while (ledger.OldestPeriod is { } start && StatementPeriods.End(period, start) is var end && end <= cutoff)
                {
                    if (!_frozen.TryGetValue(key, out var frozen))
                    {
                        _frozen[key] = frozen = [];
                    }

                    frozen[start] = ledger.Statement(start, end, _asOf, flatUntil, flatFrom);
                    ledger.Forget(end);
                    while (frozen.Count > MaxPeriods)
                    {
                        frozen.Remove(frozen.Keys.First()); // older than any period listed
                    }
                }
            }
        }
    }

    /// <summary>The span flat amounts accrue in: the goal's start and end, when it has them.</summary>
    private static (long From, long Until) FlatSpan(CampaignConfig campaign) =>
        (campaign.Goal?.Start?.ToUnixTimeMilliseconds() ?? long.MinValue, campaign.Goal?.End?.ToUnixTimeMilliseconds() ?? long.MaxValue);

    private CampaignCommissions Make(CampaignConfig campaign, List<(CreatorRef Key, CommissionLedger Ledger)> ledgers)
    {
        var statements = new List<CommissionStatement>();
        var due = long.MaxValue;
        var goalStart = campaign.Goal?.Start?.ToUnixTimeMilliseconds();
        var (flatFrom, flatUntil) = FlatSpan(campaign);
        foreach (var (key, ledger) in ledgers)
        {
            var period = ledger.Plan.Period;
            var first = (goalStart, ledger.FirstOrderTs) switch
            {
                ({ } g, { } o) => Math.Min(g, o),
                (var g, var o) => g ?? o,
            };
            if (first is not { } from || from > _asOf)
            {
                due = Math.Min(due, first ?? long.MaxValue); // statements begin when the campaign does
                continue;
            }

            var frozen = _frozen.GetValueOrDefault(key);
            var starts = new List<long>();
            for (var start = StatementPeriods.Start(period, from); start <= _asOf; start = StatementPeriods.End(period, start))
            {
                starts.Add(start);
            }

            foreach (var start in starts.Skip(Math.Max(0, starts.Count - MaxPeriods)))
            {
                statements.Add(frozen?.GetValueOrDefault(start) ?? ledger.Statement(start, StatementPeriods.End(period, start), _asOf, flatUntil, flatFrom));
            }

            // The moments a figure changes with no new input: the next period begins (a flat amount accrues, the last
            // one's is payable), or an order's hold ends.
            due = Math.Min(due, StatementPeriods.End(period, StatementPeriods.Start(period, _asOf)));
            due = Math.Min(due, ledger.NextClearing(_asOf) ?? long.MaxValue);
        }

        _due[campaign.CampaignId] = due;
        return new CampaignCommissions(_asOf, statements);
    }

    /// <summary>Writes the ledgers, frozen statements and what is due to be made again (brand snapshot format 16).</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_asOf);
        writer.Write(_changed.Order(StringComparer.Ordinal).ToList(), static (w, campaign) => w.Write(campaign));
        writer.Write(_due.OrderBy(d => d.Key, StringComparer.Ordinal).ToList(), static (w, due) =>
        {
            w.Write(due.Key);
            w.Write(due.Value);
        });
        var keys = _ledgers.Keys.OrderBy(k => k.CampaignId, StringComparer.Ordinal).ThenBy(k => k.CreatorId, StringComparer.Ordinal).ToList();
        writer.Write(keys, (w, key) =>
        {
            w.WritePair(key.CampaignId, key.CreatorId);
            w.Write(_ledgers[key].Plan.Fingerprint());
            _ledgers[key].Save(w);
            var frozen = _frozen.GetValueOrDefault(key) ?? [];
            w.Write(frozen.Values.ToList(), static (w2, s) => Write(w2, s));
        });
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh tracker (same catalog); a creator whose plan is gone is skipped.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _asOf = reader.Long();
        _changed.Clear();
        reader.Each(r => _changed.Add(r.String()));
        reader.Each(r => _due[r.String()] = r.Long());
        var seen = new HashSet<CreatorRef>();
        reader.Each(r =>
        {
            var key = new CreatorRef(r.String(), r.String());
            seen.Add(key);
            var saved = r.String();
            var ledger = _ledgers.GetValueOrDefault(key) ?? new CommissionLedger(key.CreatorId, new CommissionPlan()); // read past it
            ledger.Load(r);
            var frozen = r.List(Read);
            var edited = saved != ledger.Plan.Fingerprint();
            if (edited)
            {
                // Edited since the snapshot: the orders keep the credit they were given; the rules apply now. Statements
                // frozen under another period length no longer line up with the periods, so they are dropped.
                _changed.Add(key.CampaignId);
            }

            if (_ledgers.ContainsKey(key) && frozen.Count > 0 && !(edited && saved.Split('|')[2] != ledger.Plan.Period))
            {
                _frozen[key] = new SortedDictionary<long, CommissionStatement>(frozen.ToDictionary(s => s.PeriodStart));
            }
        });

        foreach (var key in _ledgers.Keys.Where(k => !seen.Contains(k)))
        {
            _changed.Add(key.CampaignId); // a plan added since the snapshot
        }
    }

    private static void Write(Snapshots.SnapshotWriter w, CommissionStatement statement)
    {
        w.Write(statement.CreatorId);
        w.Write(statement.PeriodStart);
        w.Write(statement.PeriodEnd);
        w.Write(statement.AsOf);
        w.Write(statement.Lines, static (w2, line) =>
        {
            w2.Write(line.Kind);
            w2.Write(line.Basis);
            w2.Write(line.Accrued);
            w2.Write(line.Held);
            w2.Write(line.Payable);
        });
    }

    private static CommissionStatement Read(Snapshots.SnapshotReader r) =>
        new(r.String(), r.Long(), r.Long(), r.Long(), r.List(static r2 => new CommissionLine(r2.String(), r2.String(), r2.Double(), r2.Double(), r2.Double())));
}
