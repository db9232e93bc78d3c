using CreatorStream.Core.State;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// Each customer a brand's stream has seen buy, for 180 days from their first purchase (docs/design.md, "Customer
/// value"): when, the order that acquired them (null when the store said they had bought before), and per repeat window
/// how much of their repeats there is not refunded (a customer counts as repeating in a window while that is above 0). Purchases are observed in event-time order (the attributor judges them so), so every worker and
/// every replay classifies a purchase alike. Mutable; not thread-safe.
/// </summary>
internal sealed class CustomerLedger
{
    private readonly Dictionary<(string Brand, string Customer), Entry> _entries = [];
    private readonly Queue<(long FirstTs, string Brand, string Customer)> _arrivals = new();

    public int Count => _entries.Count;

    /// <summary>
    /// Classifies a purchase of <paramref name="customer"/> at <paramref name="ts"/>: the first the stream saw (an
    /// acquisition unless the store said <c>is_new_customer: false</c>; the caller hands the order to
    /// <see cref="Entry.Acquisition"/>), or a returning customer's, a repeat of their acquisition when there was one.
    /// </summary>
    public Purchase Observe(string brand, string customer, long ts, bool? storeSaysNew)
    {
        if (_entries.TryGetValue((brand, customer), out var entry) && ts - entry.FirstTs <= RepeatWindows.LongestMs)
        {
            // Before the first purchase (judged late, out of order) it is a returning customer's, not a repeat of it.
            if (entry.Acquisition is not { } acquisition || ts < entry.FirstTs)
            {
                return new Purchase(null, Returning: true, null, 0, 0);
            }

            var windows = RepeatWindows.Of(ts - entry.FirstTs);
            byte firstIn = 0;
            for (var w = 0; w < Entry.Windows; w++)
            {
                var bit = (byte)(1 << w);
                if ((windows & bit) != 0)
                {
                    firstIn |= entry.Kept[w] <= Metrics.Ratio.CreditResidue ? bit : (byte)0;
                    entry.Kept[w] += 1;
                }
            }

            return new Purchase(null, Returning: true, acquisition, windows, firstIn);
        }

        // First seen, or first seen more than 180 days ago: alike whether eviction has run yet or not, so forgetting
        // changes no figure. Such a customer is new again unless the store says otherwise.
        var acquired = storeSaysNew != false;
        entry = new Entry(ts);
        _entries[(brand, customer)] = entry;
        _arrivals.Enqueue((ts, brand, customer));
        return new Purchase(acquired ? entry : null, Returning: !acquired, null, 0, 0);
    }

    /// <summary>
    /// A refund of <paramref name="fraction"/> of a repeat: takes it from the kept weight of each window the repeat fell
    /// in, and returns the windows whose weight it brought to none (the customer no longer repeats in them). Nothing once
    /// the customer is forgotten, in a restored task as in the original.
    /// </summary>
    public byte Refund(string brand, OrderRecord repeat, double fraction)
    {
        if (repeat.Customer is not { } customer || repeat.RepeatOf is not { } acquisition
            || !_entries.TryGetValue((brand, customer), out var entry) || entry.FirstTs != acquisition.Ts)
        {
            return 0;
        }

        byte lost = 0;
        for (var w = 0; w < Entry.Windows; w++)
        {
            var bit = (byte)(1 << w);
            if ((repeat.RepeatWindows & bit) != 0 && entry.Kept[w] > Metrics.Ratio.CreditResidue)
            {
                entry.Kept[w] -= fraction;
                lost |= entry.Kept[w] <= Metrics.Ratio.CreditResidue ? bit : (byte)0;
            }
        }

        return lost;
    }

    /// <summary>Forgets customers whose first purchase is more than 180 days before <paramref name="watermark"/>: no repeat can reach them.</summary>
    public void Evict(long watermark)
    {
        var cutoff = watermark - RepeatWindows.LongestMs;
        while (_arrivals.TryPeek(out var oldest) && oldest.FirstTs < cutoff)
        {
            _arrivals.Dequeue();
            var key = (oldest.Brand, oldest.Customer);
            if (_entries.TryGetValue(key, out var entry) && entry.FirstTs == oldest.FirstTs)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Writes the ledger (docs/design.md, "Recovery"); each acquiring order in full, as the attributor writes orders.</summary>
    public void Save(Snapshots.SnapshotWriter writer, Action<Snapshots.SnapshotWriter, OrderRecord> writeOrder)
    {
        writer.Write(_arrivals.Count);
        foreach (var (firstTs, brand, customer) in _arrivals)
        {
            writer.WritePair(brand, customer);
            writer.Write(firstTs);
            var entry = _entries.GetValueOrDefault((brand, customer));
            var current = entry is not null && entry.FirstTs == firstTs;
            writer.Write(current);
            if (current)
            {
                writer.Write(entry!.Kept, static (w, kept) => w.Write(kept));
                writer.Write(entry.Acquisition is not null);
                if (entry.Acquisition is { } acquisition)
                {
                    writeOrder(writer, acquisition);
                }
            }
        }
    }

    /// <summary>Reads into this empty ledger what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader, Func<Snapshots.SnapshotReader, OrderRecord> readOrder)
    {
        reader.Each(r =>
        {
            var (brand, customer) = (r.String(), r.String());
            var firstTs = r.Long();
            _arrivals.Enqueue((firstTs, brand, customer));
            if (r.Bool())
            {
                var entry = new Entry(firstTs);
                var kept = r.List(static k => k.Double()).ToArray();
                Array.Copy(kept, entry.Kept, Math.Min(kept.Length, Entry.Windows));
                entry.Acquisition = r.Bool() ? readOrder(r) : null;
                _entries[(brand, customer)] = entry;
            }
        });
    }

    /// <summary>A customer's first purchase the stream saw, and what has happened since.</summary>
    internal sealed class Entry(long firstTs)
    {
        public long FirstTs { get; } = firstTs;

        public OrderRecord? Acquisition { get; set; }

        public const int Windows = 3;

        /// <summary>Per window (30, 90, 180 days), the customer's repeats in it less what was refunded of them.</summary>
        public double[] Kept { get; } = new double[Windows];
    }

    /// <summary>How a purchase stands to its customer: it acquired them (<paramref name="Acquiring"/> waits for its order), or it is a returning customer's, maybe a repeat of an acquisition.</summary>
    internal readonly record struct Purchase(Entry? Acquiring, bool Returning, OrderRecord? RepeatOf, byte Windows, byte FirstIn);
}
