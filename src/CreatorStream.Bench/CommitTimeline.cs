using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Bench;

/// <summary>
/// Every committed batch: when its commit returned (monotonic timestamp; from then on its records are visible in
/// the store), the offsets it covers, and each campaign's to-date count (impressions + engagements + clicks)
/// right after it, so a hub message showing a campaign's count can be matched to the commits it reflects.
/// Written by the one committing thread, read by the producer (backlog) and after the run. Thread-safe.
/// </summary>
public sealed class CommitTimeline
{
    private static readonly Dictionary<SourcePartition, long> NoOffsets = []; // read, never written: a delta without origins or routed offsets

    private readonly Lock _gate = new();
    private readonly Dictionary<string, short> _campaignIndex;
    private readonly long[] _campaignTotals;
    private readonly List<long> _commitTimestamps = [];
    private readonly List<(long Started, long Records)> _commitSizes = [];
    private readonly List<(short Campaign, long Total)[]> _totalsAfter = [];

    // Per partition, ascending: (next offset after commit k, k).
    private readonly Dictionary<SourcePartition, List<(long Next, int Commit)>> _byPartition = [];

    // Per ingest partition, the brand commits that applied its records (next offset past the last applied, commit index),
    // every brand task together and each on its own: an ingest partition's records go to several brand tasks, each
    // applying them at its own pace, so only the task a record was routed to says when it was applied.
    private readonly Dictionary<SourcePartition, List<(long Next, int Commit)>> _byOrigin = [];
    private readonly Dictionary<(SourcePartition Origin, int Task), List<(long Next, int Commit)>> _byOriginAndTask = [];
    private readonly Dictionary<short, int> _taskOfCampaign = [];
    private readonly Dictionary<SourcePartition, long> _routedThrough = [];
    private long _records;
    private long _events;
    private long _duplicates;
    private long _deadLetters;

    public CommitTimeline(IReadOnlyList<string> campaignIds)
    {
        _campaignIndex = campaignIds.Select((id, i) => (id, (short)i)).ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
        _campaignTotals = new long[campaignIds.Count];
    }

    /// <summary>Records committed (offsets advanced: counted, duplicate or dead-lettered alike). Topics must start empty.</summary>
    public long Records => Interlocked.Read(ref _records);

    public long Events => Interlocked.Read(ref _events);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public int Commits
    {
        get
        {
            lock (_gate)
            {
                return _commitTimestamps.Count;
            }
        }
    }

    /// <summary>The campaign index the timeline, the produce log and the hub timeline share; -1 for an unknown campaign.</summary>
    public short CampaignIndex(string campaignId) => _campaignIndex.GetValueOrDefault(campaignId, ProduceLog.NoCampaign);

    /// <summary>A campaign's to-date count after the last commit.</summary>
    public long TotalOf(short campaign)
    {
        lock (_gate)
        {
            return _campaignTotals[campaign];
        }
    }

    /// <summary>Notes a commit that began (the store call) at <paramref name="startedTimestamp"/> and returned at <paramref name="committedTimestamp"/>.</summary>
    public void Record(StateDelta delta, long startedTimestamp, long committedTimestamp)
    {
        lock (_gate)
        {
            var index = _commitTimestamps.Count;
            _commitTimestamps.Add(committedTimestamp);
            var changed = new List<(short, long)>();
            var task = delta.NextOffsets.Keys.Where(p => p.Topic == TaskNames.BrandTopic).Select(p => p.Partition).DefaultIfEmpty(-1).First();
            foreach (var (key, change) in delta.Aggregates)
            {
                if (key.Scope == AggregateScope.Campaign && key.IsToDate && _campaignIndex.TryGetValue(key.CampaignId, out var campaign))
                {
                    if (task >= 0)
                    {
                        _taskOfCampaign[campaign] = task;
                    }

                    var counters = change.Counters;
                    _campaignTotals[campaign] += counters.Impressions + counters.Engagements + counters.Clicks;
                    changed.Add((campaign, _campaignTotals[campaign]));
                }
            }

            _totalsAfter.Add([.. changed]);
            foreach (var (origin, offset) in delta.HasAppliedOrigins ? delta.AppliedOrigins : NoOffsets)
            {
                if (!_byOrigin.TryGetValue(origin, out var applied))
                {
                    _byOrigin[origin] = applied = [];
                }

                if (applied.Count == 0 || offset > applied[^1].Next - 1)
                {
                    applied.Add((offset + 1, index));
                }

                if (task >= 0)
                {
                    if (!_byOriginAndTask.TryGetValue((origin, task), out var appliedByTask))
                    {
                        _byOriginAndTask[(origin, task)] = appliedByTask = [];
                    }

                    if (appliedByTask.Count == 0 || offset > appliedByTask[^1].Next - 1)
                    {
                        appliedByTask.Add((offset + 1, index)); // ascending, as Find's binary search needs
                    }
                }
            }

            foreach (var (partition, routed) in delta.HasRoutedThrough ? delta.RoutedThrough : NoOffsets)
            {
                _routedThrough[partition] = Math.Max(_routedThrough.GetValueOrDefault(partition, -1), routed);
            }

            long advanced = 0;
            foreach (var (partition, next) in delta.NextOffsets.Where(p => p.Key.Topic != TaskNames.BrandTopic))
            {
                if (!_byPartition.TryGetValue(partition, out var marks))
                {
                    _byPartition[partition] = marks = [];
                }

                advanced += next - (marks.Count > 0 ? marks[^1].Next : 0);
                marks.Add((next, index));
            }

            _commitSizes.Add((startedTimestamp, advanced));
            Interlocked.Add(ref _records, advanced);
            Interlocked.Add(ref _events, delta.Events);
            Interlocked.Add(ref _duplicates, delta.Duplicates);
            Interlocked.Add(ref _deadLetters, delta.DeadLetters.Values.Sum());
        }
    }

    /// <summary>Whether the brand stage has applied every record the source stage routed (the figures cover all committed records).</summary>
    public bool CaughtUp
    {
        get
        {
            lock (_gate)
            {
                return _routedThrough.All(r => _byOrigin.TryGetValue(r.Key, out var applied) && applied.Count > 0 && applied[^1].Next > r.Value);
            }
        }
    }

    /// <summary>
    /// The first commit whose figures cover <paramref name="offset"/> of ingest <paramref name="partition"/>: the commit of
    /// the brand task that applied it, found through its <paramref name="campaign"/>'s task once a commit has shown which
    /// task counts that campaign (-1 while that task has not applied it); for a record of no known campaign, the first brand commit that applied it or a later
    /// record of the partition (any task's, so it can be early); for a record never routed (a dead letter), the source
    /// task's; -1 if none did yet.
    /// </summary>
    public int CommitOf(SourcePartition partition, long offset, short campaign)
    {
        lock (_gate)
        {
            if (campaign >= 0 && _taskOfCampaign.TryGetValue(campaign, out var task))
            {
                return Find(_byOriginAndTask, (partition, task), offset);
            }

            var brand = Find(_byOrigin, partition, offset);
            return brand >= 0 ? brand : Find(_byPartition, partition, offset);
        }
    }

    /// <summary>
    /// The source task's commit that covers <paramref name="offset"/> of ingest <paramref name="partition"/>: its record
    /// was routed and its frames written to the brand topic by then (-1 if none did yet).
    /// </summary>
    public int SourceCommitOf(SourcePartition partition, long offset)
    {
        lock (_gate)
        {
            return Find(_byPartition, partition, offset);
        }
    }

    private static int Find<TKey>(Dictionary<TKey, List<(long Next, int Commit)>> table, TKey partition, long offset)
        where TKey : notnull
    {
        {
            if (!table.TryGetValue(partition, out var marks) || marks.Count == 0 || marks[^1].Next <= offset)
            {
                return -1;
            }

            // Binary search for the first mark whose next offset is past the record.
            int low = 0, high = marks.Count - 1;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (marks[middle].Next > offset)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return marks[low].Commit;
        }
    }

    /// <summary>Every commit so far: when its store call began and returned, and the records it covered.</summary>
    public IReadOnlyList<(long Started, long Committed, long Records)> CommitSizes()
    {
        lock (_gate)
        {
            return [.. _commitSizes.Select((c, i) => (c.Started, _commitTimestamps[i], c.Records))];
        }
    }

    public long CommittedAt(int commit)
    {
        lock (_gate)
        {
            return _commitTimestamps[commit];
        }
    }

    /// <summary>The campaign's to-date count right after <paramref name="commit"/>, or null when that commit did not change it.</summary>
    public long? TotalAfter(int commit, short campaign)
    {
        lock (_gate)
        {
            foreach (var (c, total) in _totalsAfter[commit])
            {
                if (c == campaign)
                {
                    return total;
                }
            }

            return null;
        }
    }
}
