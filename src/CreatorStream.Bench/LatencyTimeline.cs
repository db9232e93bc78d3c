using System.Diagnostics;

namespace CreatorStream.Bench;

/// <summary>
/// Puts a live bench's samples side by side, second by second from the start of producing (<see cref="TimelineRow"/>),
/// so that a stall in the p99 can be matched to what happened in the same second: a collection, a large batch, a slow
/// commit, a snapshot's hold or write, a quiet hub. Stateless; thread-safe.
/// </summary>
public static class LatencyTimeline
{
    /// <param name="started">Monotonic timestamp the seconds count from.</param>
    /// <param name="produced">When each record was handed to the producer.</param>
    /// <param name="committed">Each record's commit time and latency to the store (ms).</param>
    /// <param name="commits">Every commit: store call begun, returned, records covered.</param>
    /// <param name="gcs">The collections the sampler saw.</param>
    /// <param name="hubMessages">When each hub message arrived.</param>
    /// <param name="snapshots">Each snapshot's hold and write, dated when it ended.</param>
    public static IReadOnlyList<TimelineRow> Build(
        long started,
        IEnumerable<long> produced,
        IEnumerable<(long Committed, double LatencyMs)> committed,
        IEnumerable<(long Started, long Committed, long Records)> commits,
        IEnumerable<GcEvent> gcs,
        IEnumerable<long> hubMessages,
        IEnumerable<SnapshotEvent> snapshots)
    {
        var seconds = new SortedDictionary<int, Builder>();
        Builder At(long timestamp)
        {
            var second = (int)Math.Floor((timestamp - started) / (double)Stopwatch.Frequency);
            if (!seconds.TryGetValue(second, out var builder))
            {
                seconds[second] = builder = new Builder();
            }

            return builder;
        }

        foreach (var timestamp in produced)
        {
            At(timestamp).Produced++;
        }

        foreach (var (timestamp, latency) in committed)
        {
            At(timestamp).Latencies.Add(latency);
        }

        foreach (var (begun, returned, records) in commits)
        {
            var row = At(returned);
            row.Commits++;
            row.BatchMax = Math.Max(row.BatchMax, records);
            row.CommitMsMax = Math.Max(row.CommitMsMax, (returned - begun) * 1000.0 / Stopwatch.Frequency);
        }

        foreach (var gc in gcs)
        {
            var row = At(gc.SeenTimestamp);
            switch (gc)
            {
                case { Generation: 0 }:
                    row.Gc0++;
                    break;
                case { Generation: 1 }:
                    row.Gc1++;
                    break;
                case { Background: true }:
                    row.Gc2Background++;
                    break;
                default:
                    row.Gc2Blocking++;
                    break;
            }

            row.GcPauseMs += gc.PauseMs;
            row.GcPauseMsMax = Math.Max(row.GcPauseMsMax, gc.PauseMs);
            row.HeapMb = Math.Round(gc.HeapBytes / (1024.0 * 1024.0), 1);
        }

        foreach (var timestamp in hubMessages)
        {
            At(timestamp).HubMessages++;
        }

        foreach (var snapshot in snapshots)
        {
            var row = At(snapshot.EndedTimestamp);
            if (snapshot.Held)
            {
                row.SnapshotHeldMs += snapshot.Ms;
            }
            else
            {
                row.SnapshotMs += snapshot.Ms;
            }
        }

        return [.. seconds.Where(s => s.Key >= 0).Select(s => s.Value.Build(s.Key))];
    }

    private sealed class Builder
    {
        public long Produced { get; set; }

        public List<double> Latencies { get; } = [];

        public int Commits { get; set; }

        public long BatchMax { get; set; }

        public double CommitMsMax { get; set; }

        public int Gc0 { get; set; }

        public int Gc1 { get; set; }

        public int Gc2Background { get; set; }

        public int Gc2Blocking { get; set; }

        public double GcPauseMs { get; set; }

        public double GcPauseMsMax { get; set; }

        public double? HeapMb { get; set; }

        public long HubMessages { get; set; }

        public double SnapshotHeldMs { get; set; }

        public double SnapshotMs { get; set; }

        public TimelineRow Build(int second)
        {
            var latency = LatencySummary.Of(Latencies);
            return new TimelineRow
            {
                Second = second,
                Produced = Produced,
                Committed = Latencies.Count,
                LatencyMsP50 = latency.P50,
                LatencyMsP99 = latency.P99,
                LatencyMsMax = latency.Max,
                Commits = Commits,
                BatchMax = BatchMax,
                CommitMsMax = Math.Round(CommitMsMax, 1),
                Gc0 = Gc0,
                Gc1 = Gc1,
                Gc2Background = Gc2Background,
                Gc2Blocking = Gc2Blocking,
                GcPauseMs = Math.Round(GcPauseMs, 1),
                GcPauseMsMax = Math.Round(GcPauseMsMax, 1),
                HeapMb = HeapMb,
                HubMessages = HubMessages,
                SnapshotHeldMs = Math.Round(SnapshotHeldMs, 1),
                SnapshotMs = Math.Round(SnapshotMs, 1),
            };
        }
    }
}
