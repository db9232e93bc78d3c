using CreatorStream.Core.Events;

namespace CreatorStream.Core.Commissions;

/// <summary>
/// One order as a creator's commission sees it: the creator's credit for it under the plan's model and that share of
/// its value, and whether it came through the creator's own code or link (the direct model) with its whole value.
/// </summary>
public readonly record struct CommissionOrder(string OrderId, long Ts, ConversionKind Kind, double Credit, double CreditedRevenue, bool Direct, double DirectRevenue);

/// <summary>One rule's figures in a statement: what accrued in the period, what of it is still held, what is payable.</summary>
public sealed record CommissionLine(string Kind, string Basis, double Accrued, double Held, double Payable);

/// <summary>
/// A creator's commission for one period as of a moment (issue 23; docs/decisions/0027-commission-statements.md):
/// accrued = held + payable, each summed over the rules' lines. A draft for people to review; nothing is paid.
/// </summary>
public sealed record CommissionStatement(string CreatorId, long PeriodStart, long PeriodEnd, long AsOf, List<CommissionLine> Lines)
{
    public double Accrued => Lines.Sum(l => l.Accrued);

    public double Held => Lines.Sum(l => l.Held);

    public double Payable => Lines.Sum(l => l.Payable);
}

/// <summary>
/// A creator's credited orders and their refunds, and the statements they make under a <see cref="CommissionPlan"/>.
/// An order's commission accrues in the period of its time; it is payable once <see cref="CommissionPlan.HoldDays"/>
/// have passed since the order (held before); a refund known by the statement's moment takes its share back out, held
/// or payable ("known" is by event time: an order or refund stamped before the moment counts, however late it arrived,
/// so a statement made again after late events can differ until it is approved). Tiers apply to the period's revenue (accrued) and to its cleared revenue (payable), so a band crossed only
/// by orders still held is held too. Flat amounts are payable once the period has ended. Deterministic; mutable; not
/// thread-safe.
/// </summary>
public sealed class CommissionLedger
{
    private const long DayMs = 86_400_000;

    private readonly Dictionary<string, CommissionOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Ts, double Share)>> _refunds = new(StringComparer.Ordinal);

    // The orders of each of the plan's periods, by the period's start: a statement reads its period's orders only, so
    // making every period's statement costs the orders once, not once per period (derived: rebuilt by Load).
    private readonly Dictionary<long, List<string>> _byPeriod = [];

    /// <summary>A ledger for <paramref name="creatorId"/> under <paramref name="plan"/>, refused when the plan has problems.</summary>
    public CommissionLedger(string creatorId, CommissionPlan plan)
    {
        var problems = plan.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"commission plan of creator '{creatorId}': {string.Join("; ", problems)}", nameof(plan));
        }

        CreatorId = creatorId;
        Plan = plan;
    }

    public string CreatorId { get; }

    public CommissionPlan Plan { get; }

    /// <summary>The time of the earliest order ever credited (kept when the order itself is forgotten); null before any.</summary>
    public long? FirstOrderTs { get; private set; }

    /// <summary>Orders held (not yet forgotten).</summary>
    public int Orders => _orders.Count;

    /// <summary>An order the creator was credited for (again: the latest figures replace the earlier).</summary>
    public void Credit(CommissionOrder order)
    {
        if (_orders.TryGetValue(order.OrderId, out var earlier))
        {
            Unindex(earlier);
        }

        _orders[order.OrderId] = order;
        Index(order);
        FirstOrderTs = Math.Min(FirstOrderTs ?? long.MaxValue, order.Ts);
    }

    /// <summary>Whether the ledger holds the order (a refund of it changes a statement).</summary>
    public bool Holds(string orderId) => _orders.ContainsKey(orderId);

    /// <summary>
    /// The earliest moment after <paramref name="asOf"/> at which an order's hold ends (a statement's payable grows with
    /// no new input then); null when none will.
    /// </summary>
    public long? NextClearing(long asOf)
    {
        long? next = null;
        foreach (var order in _orders.Values)
        {
            var clears = order.Ts + (Plan.HoldDays * DayMs);
            if (clears > asOf && clears < (next ?? long.MaxValue))
            {
                next = clears;
            }
        }

        return next;
    }

    /// <summary>The start of the earliest of the plan's periods holding an order (null when none is held), for freezing statements.</summary>
    public long? OldestPeriod => _byPeriod.Count == 0 ? null : _byPeriod.Keys.Min();

    /// <summary>Forgets the orders before <paramref name="before"/> and their refunds (their statements were frozen first).</summary>
    public void Forget(long before)
    {
        foreach (var order in _orders.Values.Where(o => o.Ts < before).ToList())
        {
            _orders.Remove(order.OrderId);
            _refunds.Remove(order.OrderId);
            Unindex(order);
        }
    }

    /// <summary>A refund of <paramref name="share"/> (0 to 1) of an order's value at <paramref name="ts"/>; of an unknown order, nothing.</summary>
    public void Refund(string orderId, long ts, double share)
    {
        if (!_orders.ContainsKey(orderId) || !(share > 0))
        {
            return;
        }

        if (!_refunds.TryGetValue(orderId, out var refunds))
        {
            _refunds[orderId] = refunds = [];
        }

        refunds.Add((ts, Math.Min(share, 1)));
    }

    /// <summary>The statement of orders in [<paramref name="periodStart"/>, <paramref name="periodEnd"/>) as known at <paramref name="asOf"/>.</summary>
    /// <param name="periodStart">The period's start (Unix ms).</param>
    /// <param name="periodEnd">Its end, exclusive.</param>
    /// <param name="asOf">The moment of the figures (event time).</param>
    /// <param name="flatUntil">Flat amounts accrue only in periods that begin before this moment (the campaign's end).</param>
    /// <param name="flatFrom">… and that end after this one (the campaign's start): an order before the start accrues no flat amount.</param>
    public CommissionStatement Statement(long periodStart, long periodEnd, long asOf, long flatUntil = long.MaxValue, long flatFrom = long.MinValue)
    {
        // Each order's part still standing at asOf (refunds known by then), and whether its hold has passed.
        double credited = 0, creditedCleared = 0, direct = 0, directCleared = 0;
        var bountyCredit = new Dictionary<ConversionKind, (double All, double Cleared)>();
        // Summed in (time, id) order, not the table's: the same orders give the same bits after a restore too.
        var candidates = periodStart == PeriodOf(periodStart) && periodEnd == StatementPeriods.End(Plan.Period, periodStart)
            ? (_byPeriod.GetValueOrDefault(periodStart) ?? []).Select(id => _orders[id])
            : _orders.Values;
        var inPeriod = candidates.Where(o => o.Ts >= periodStart && o.Ts < periodEnd && o.Ts <= asOf).ToList();
        inPeriod.Sort(static (a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.OrderId, b.OrderId));
        foreach (var order in inPeriod)
        {

            var refunded = 0.0;
            foreach (var (ts, share) in _refunds.GetValueOrDefault(order.OrderId) ?? [])
            {
                refunded += ts <= asOf ? share : 0;
            }

            var standing = Math.Max(0, 1 - refunded);
            var cleared = order.Ts + (Plan.HoldDays * DayMs) <= asOf;
            credited += order.CreditedRevenue * standing;
            creditedCleared += cleared ? order.CreditedRevenue * standing : 0;
            var directRevenue = order.Direct ? order.DirectRevenue * standing : 0;
            direct += directRevenue;
            directCleared += cleared ? directRevenue : 0;

            // A conversion refunded in full is taken back; one refunded in part still happened.
            var counted = standing > 1e-9 ? order.Credit : 0;
            var (all, clearedCredit) = bountyCredit.GetValueOrDefault(order.Kind);
            bountyCredit[order.Kind] = (all + counted, clearedCredit + (cleared ? counted : 0));
        }

        var lines = new List<CommissionLine>();
        foreach (var rule in Plan.Rules)
        {
            var (all, clearedBase) = rule.Of == CommissionBases.Direct ? (direct, directCleared) : (credited, creditedCleared);
            var (accrued, payable, basis) = rule.Kind switch
            {
                CommissionKinds.Flat when periodStart >= flatUntil => (0.0, 0.0, "per period (the campaign had ended)"),
                CommissionKinds.Flat when periodEnd <= flatFrom => (0.0, 0.0, "per period (the campaign had not begun)"),
                CommissionKinds.Flat => (asOf >= periodStart ? rule.Amount : 0, asOf >= periodEnd ? rule.Amount : 0, "per period"),
                CommissionKinds.Percent => (rule.Rate * all, rule.Rate * clearedBase, $"{rule.Rate:P1} of {rule.Of ?? CommissionBases.Credited} revenue"),
                CommissionKinds.Tiers => (Tiered(rule.Tiers ?? [], all), Tiered(rule.Tiers ?? [], clearedBase), $"tiers of {rule.Of ?? CommissionBases.Credited} revenue"),
                CommissionKinds.Bounty when rule.BountyKind is { } kind => (
                    rule.Amount * bountyCredit.GetValueOrDefault(kind).All,
                    rule.Amount * bountyCredit.GetValueOrDefault(kind).Cleared,
                    $"per {kind.ToString().ToLowerInvariant()}"),
                _ => throw new InvalidOperationException($"commission rule kind '{rule.Kind}' (the plan was checked when the ledger was made)"),
            };
            lines.Add(new CommissionLine(rule.Kind, basis, accrued, accrued - payable, payable));
        }

        return new CommissionStatement(CreatorId, periodStart, periodEnd, asOf, lines);
    }

    private long PeriodOf(long ts) => StatementPeriods.Start(Plan.Period, ts);

    private void Unindex(CommissionOrder order)
    {
        var period = PeriodOf(order.Ts);
        if (_byPeriod[period].Remove(order.OrderId) && _byPeriod[period].Count == 0)
        {
            _byPeriod.Remove(period);
        }
    }

    private void Index(CommissionOrder order)
    {
        var period = PeriodOf(order.Ts);
        if (!_byPeriod.TryGetValue(period, out var ids))
        {
            _byPeriod[period] = ids = [];
        }

        ids.Add(order.OrderId);
    }

    /// <summary>Marginal rates: each band's rate on the revenue between its start and the next band's.</summary>
    public static double Tiered(IReadOnlyList<CommissionTier> tiers, double revenue)
    {
        double total = 0;
        for (var i = 0; i < tiers.Count; i++)
        {
            var from = tiers[i].From;
            var to = i + 1 < tiers.Count ? tiers[i + 1].From : double.PositiveInfinity;
            total += tiers[i].Rate * Math.Max(0, Math.Min(revenue, to) - from);
        }

        return total;
    }

    /// <summary>Writes the orders, their refunds and the earliest order's time (brand snapshot format 16).</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(FirstOrderTs);
        writer.Write(_orders.Values.OrderBy(o => o.OrderId, StringComparer.Ordinal).ToList(), static (w, o) =>
        {
            w.Write(o.OrderId);
            w.Write(o.Ts);
            w.Write((int)o.Kind);
            w.Write(o.Credit);
            w.Write(o.CreditedRevenue);
            w.Write(o.Direct);
            w.Write(o.DirectRevenue);
        });
        writer.Write(_refunds.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(), static (w, refunds) =>
        {
            w.Write(refunds.Key);
            w.Write(refunds.Value, static (w2, refund) =>
            {
                w2.Write(refund.Ts);
                w2.Write(refund.Share);
            });
        });
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh ledger.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        FirstOrderTs = reader.NullableLong();
        reader.Each(r =>
        {
            var order = new CommissionOrder(r.String(), r.Long(), (ConversionKind)r.Int(), r.Double(), r.Double(), r.Bool(), r.Double());
            _orders[order.OrderId] = order;
            Index(order);
        });
        reader.Each(r => _refunds[r.String()] = r.List(static r2 => (r2.Long(), r2.Double())));
    }
}
