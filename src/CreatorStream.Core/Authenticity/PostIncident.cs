namespace CreatorStream.Core.Authenticity;

/// <summary>
/// One incident of suspicious engagement on a post: from its first suspicious event until the post goes quiet.
/// Holds the accounts and reason counts behind it (accounts capped) and what was last alerted. Mutable; not thread-safe.
/// </summary>
internal sealed class PostIncident(long firstTs)
{
    private const int MaxAccounts = 100_000; // a bound, far above any incident the alert needs to count

    /// <summary>Start minute (ms since epoch, floored), fixed at creation: part of the alert id.</summary>
    public long StartMinute { get; private set; } = firstTs - (firstTs % 60_000);

    public long FirstTs { get; private set; } = firstTs;

    public long LastTs { get; private set; } = firstTs;

    public HashSet<ulong> Accounts { get; } = [];

    public int[] ReasonCounts { get; } = new int[AuthenticityReasons.All.Count];

    /// <summary>Suspicious count at the last alert; 0 when it has not alerted.</summary>
    public int AlertedSuspicious { get; set; }

    public void Add(long ts, ulong account, int reasons)
    {
        FirstTs = Math.Min(FirstTs, ts);
        LastTs = Math.Max(LastTs, ts);
        if (Accounts.Count < MaxAccounts)
        {
            Accounts.Add(account);
        }

        for (var bit = 0; bit < ReasonCounts.Length; bit++)
        {
            if ((reasons & (1 << bit)) != 0)
            {
                ReasonCounts[bit]++;
            }
        }
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(StartMinute);
        writer.Write(FirstTs);
        writer.Write(LastTs);
        writer.Write(AlertedSuspicious);
        writer.Write(Accounts, static (w, a) => w.Write(a));
        writer.Write(ReasonCounts, static (w, c) => w.Write(c));
    }

    public static PostIncident Load(Snapshots.SnapshotReader reader)
    {
        var start = reader.Long();
        var incident = new PostIncident(reader.Long()) { StartMinute = start };
        incident.LastTs = reader.Long();
        incident.AlertedSuspicious = reader.Int();
        reader.Each(r => incident.Accounts.Add(r.ULong()));
        var counts = reader.List(static r => r.Int());
        counts.CopyTo(incident.ReasonCounts);
        return incident;
    }
}
