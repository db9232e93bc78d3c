using System.Diagnostics;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Benchmarks;

/// <summary>
/// The bytes the processor allocates per record, hour by hour of event time, over long enough a run to pass the
/// day-long horizons (deduplication's 24 h, the classifier's 6 h): past them the tables that grow with new users churn
/// instead, so the last hours show what a record costs in a steady state, not while state is still filling (issue 19's
/// allocation goal). One thread decodes and processes, and <see cref="GC.GetAllocatedBytesForCurrentThread"/> is read
/// around each batch's processing alone, so it counts exactly the processor's bytes (and the commit's return of pooled arrays), not the generator's. Batches are
/// <see cref="WallClockStepMs"/> of wall clock apart: the work done every so often of wall clock (the flagged accounts'
/// explanations) falls on as many records as in a worker taking about 40,000 records a second. Each hour also gives its
/// median and longest batch in milliseconds, and its longest batch in which no older generation was collected: work
/// done every so often that grows with the state (a sweep of every account, a listing of every flagged one) shows there
/// as a stall of the brand's thread that a 30 s live bench never reaches (docs/benchmarks.md, "Session 49"). Timings
/// are of one thread on a shared machine: compare them within a sitting.
/// `dotnet run -c Release --project tests/CreatorStream.Benchmarks -- alloc-steady [HOURS] [EVENTS_PER_SECOND]`
/// (default 26 hours at 20 events a second: 1.9 million records, a minute or two).
/// </summary>
public static class SteadyAllocation
{
    private const int BatchSize = 4_096;

    /// <summary>Wall clock between batches: 4,096 records in 100 ms, about the live bench's unpaced rate.</summary>
    private const long WallClockStepMs = 100;

    public static void Run(TextWriter output, int hours, double eventsPerSecond)
    {
        var perHour = (long)(eventsPerSecond * 3_600);
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            StartMs = Traffic.StartMs,
            EventsPerSecond = eventsPerSecond,
            MaxEvents = perHour * hours,
            Seed = 3,
            SteadyAudiences = true,
        });
        var processor = new StreamProcessor(Traffic.Catalog(generator), ProcessorOptions.Default with { IdleTimeout = null });
        output.WriteLine($"{hours} hours at {eventsPerSecond:N0} events a second of event time ({perHour * hours:N0} records), one thread");
        output.WriteLine("hour,records,bytes_per_record,heap_mib,median_batch_ms,longest_batch_ms,longest_without_gen1_ms");
        var batch = new List<InboundRecord>(BatchSize);
        long records = 0, hourStartRecords = 0, offset = 0, allocated = 0, hourStartBytes = 0;
        var batchMs = new List<double>();
        double longestWithoutGcMs = 0;
        var hour = 1;
        foreach (var record in generator.Generate())
        {
            batch.Add(new InboundRecord(new SourcePartition("bench", 0), offset++, null, ReadOnlyMemory<byte>.Empty, record.Value));
            if (batch.Count == BatchSize)
            {
                var inputs = batch.ToArray();
                batch.Clear();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                var collections = GC.CollectionCount(1);
                // Committed as the pipeline's committer does, so the reach hashes' arrays go back to their pool.
                processor.Process(new RecordBatch(inputs, Traffic.StartMs + (offset / BatchSize * WallClockStepMs))).Delta.Committed();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                batchMs.Add(ms);
                if (GC.CollectionCount(1) == collections)
                {
                    longestWithoutGcMs = Math.Max(longestWithoutGcMs, ms); // the processor's own longest work, no older generation collected in it
                }
                records += inputs.Length;
            }

            if (records - hourStartRecords >= perHour)
            {
                output.WriteLine($"{hour},{records - hourStartRecords},{(double)(allocated - hourStartBytes) / (records - hourStartRecords):F0},{GC.GetTotalMemory(forceFullCollection: false) / 1_048_576.0:F0},{Median(batchMs):F0},{batchMs.DefaultIfEmpty().Max():F0},{longestWithoutGcMs:F0}");
                (hourStartRecords, hourStartBytes, hour, longestWithoutGcMs) = (records, allocated, hour + 1, 0);
                batchMs.Clear();
            }
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
