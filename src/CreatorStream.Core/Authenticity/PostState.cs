namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier keeps per post (campaign, creator, content): engagements and clicks per minute, all and
/// suspicious (for the alert's share), the early engagers and pod-style commenters (pods), and the open incident.
/// Minutes older than the retention are dropped; engagers and commenters are capped. Mutable; not thread-safe.
/// </summary>
internal sealed class PostState(string campaignId, string creatorId, string contentId)
{
    private readonly Dictionary<long, (int All, int Suspicious)> _minutes = [];
    private readonly HashSet<ulong> _engagerSet = [];
    private readonly HashSet<ulong> _praisers = [];

    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    public string ContentId { get; } = contentId;

    /// <summary>The creator's key (campaign and creator): every post of one creator in one campaign shares it.</summary>
    public ulong CreatorKey { get; } = KeyHash.Combine(KeyHash.Of(campaignId), KeyHash.Of(creatorId));

    public long LastSeen { get; set; } = long.MinValue;

    /// <summary>Earliest event time seen on the post, impressions included: a stand-in for when it went up.</summary>
    public long FirstSeen { get; set; } = long.MaxValue;

    /// <summary>Users who engaged soon after the post appeared and had been shown it, in order of their first engagement (capped).</summary>
    public List<ulong> Engagers { get; } = [];

    /// <summary>How many users engaged soon after the post appeared and had been shown it (not capped).</summary>
    public int EarlyEngagers { get; private set; }

    /// <summary>Accounts that left a pod-style comment on the post (see <see cref="PodSignal.PodComment"/>), capped.</summary>
    public IReadOnlyCollection<ulong> Praisers => _praisers;

    /// <summary>The incident under way on the post, if any.</summary>
    public PostIncident? Incident { get; set; }

    /// <summary>The last incident that ended: a late suspicious event within its span reopens it rather than starting another.</summary>
    public PostIncident? EndedIncident { get; set; }

    public int MinuteCount => _minutes.Count;

    public void Count(long ts, bool suspicious)
    {
        var minute = ts - (ts % 60_000);
        _minutes.TryGetValue(minute, out var counts);
        _minutes[minute] = (counts.All + 1, counts.Suspicious + (suspicious ? 1 : 0));
    }

    /// <summary>Engagements and clicks, all and suspicious, in the minutes from <paramref name="fromMinute"/> to <paramref name="toTs"/>'s minute.</summary>
    public (int All, int Suspicious) Totals(long fromMinute, long toTs)
    {
        var all = 0;
        var suspicious = 0;
        foreach (var (minute, counts) in _minutes)
        {
            if (minute >= fromMinute && minute <= toTs)
            {
                all += counts.All;
                suspicious += counts.Suspicious;
            }
        }

        return (all, suspicious);
    }

    /// <summary>Counts an early engager (called once per user) and remembers it while there is room.</summary>
    public void AddEngager(ulong user, int capacity)
    {
        EarlyEngagers++;
        if (Engagers.Count < capacity && _engagerSet.Add(user))
        {
            Engagers.Add(user);
        }
    }

    /// <summary>Adds an account to <see cref="Praisers"/> (up to <paramref name="capacity"/>) and returns how many there are.</summary>
    public int AddPraiser(ulong user, int capacity)
    {
        if (_praisers.Count < capacity)
        {
            _praisers.Add(user);
        }

        return _praisers.Count;
    }

    public void ForgetMinutesBefore(long before)
    {
        List<long>? old = null;
        foreach (var minute in _minutes.Keys)
        {
            if (minute + 60_000 <= before)
            {
                (old ??= []).Add(minute);
            }
        }

        old?.ForEach(m => _minutes.Remove(m));
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(CampaignId);
        writer.Write(CreatorId);
        writer.Write(ContentId);
        writer.Write(LastSeen);
        writer.Write(FirstSeen);
        writer.Write(EarlyEngagers);
        writer.Write(_minutes.Count);
        foreach (var (minute, (all, suspicious)) in _minutes)
        {
            writer.Write(minute);
            writer.Write(all);
            writer.Write(suspicious);
        }

        writer.Write(Engagers, static (w, u) => w.Write(u));
        writer.Write(_praisers, static (w, u) => w.Write(u));

        // The open incident may be the ended one, reopened by a late event: the same instance, kept so.
        writer.Write(Incident is not null);
        Incident?.Save(writer);
        writer.Write(EndedIncident is null ? (byte)0 : ReferenceEquals(EndedIncident, Incident) ? (byte)2 : (byte)1);
        if (EndedIncident is not null && !ReferenceEquals(EndedIncident, Incident))
        {
            EndedIncident.Save(writer);
        }
    }

    public static PostState Load(Snapshots.SnapshotReader reader)
    {
        var post = new PostState(reader.String(), reader.String(), reader.String())
        {
            LastSeen = reader.Long(),
            FirstSeen = reader.Long(),
        };
        post.EarlyEngagers = reader.Int();
        reader.Each(r => post._minutes.Add(r.Long(), (r.Int(), r.Int())));
        reader.Each(r =>
        {
            var user = r.ULong();
            post.Engagers.Add(user);
            post._engagerSet.Add(user);
        });
        reader.Each(r => post._praisers.Add(r.ULong()));
        post.Incident = reader.Bool() ? PostIncident.Load(reader) : null;
        post.EndedIncident = reader.Byte() switch
        {
            0 => null,
            2 => post.Incident,
            _ => PostIncident.Load(reader),
        };
        return post;
    }
}
