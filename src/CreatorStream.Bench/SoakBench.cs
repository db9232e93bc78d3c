using System.Buffers;
using System.IO.Pipelines;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;

namespace CreatorStream.Bench;

/// <summary>
/// Whether the state levels off at a sustained rate (issue 19): the generator's traffic at a steady event-time rate,
/// written straight into the replay pipeline through a pipe (no file: 30 hours at 3,000 events a second would be about
/// 100 GB), with the heap measured after a full compacting collection at every <see cref="SoakOptions.SampleEvery"/> of
/// event time. The pipe and the replayer's read-ahead keep the pipeline within a few seconds of event time of the
/// generator, so each sample is the state at that hour. The process's heap is measured, the generator's few megabytes
/// of pending journeys included. The generator writes on a thread of its own, so what the pipeline allocates is the
/// process's allocations less that thread's (<see cref="SoakSample.PipelineAllocatedBytes"/>).
/// </summary>
public sealed class SoakBench(SoakOptions options, ProcessorOptions processorOptions, IBenchProgress progress, TimeProvider clock)
{
    /// <summary>Event time of the first event: 2026-01-01, as <c>generate</c> writes files.</summary>
    public const long StartMs = 1_767_225_600_000;

    public async Task<SoakFigures> RunAsync(CancellationToken cancellationToken)
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = options.Seed,
            StartMs = StartMs,
            EventsPerSecond = options.EventsPerSecond,
            MaxEvents = long.MaxValue, // ends by event time instead
            UsersPerCampaign = options.UsersPerCampaign,
            PostCycle = options.PostCycle,
        });
        var lookbackDays = 0;
        var catalog = Catalog(generator.Campaigns);
        var replayer = new Replayer(catalog, processorOptions, clock);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var store = new InMemoryStateStore();
        long committed = 0;
        var replay = Task.Run(
            () => replayer.RunAsync(
                pipe.Reader.AsStream(),
                new Progress<ReplayProgress>(p => Raise(ref committed, p.Records)), // reports run on the pool, in any order
                cancellationToken,
                store),
            cancellationToken);

        var started = clock.GetTimestamp();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var samples = new List<SoakSample>();
        long generated = 0;
        try
        {
            // A thread of its own (blocking on the pipe while the pipeline is behind), so its allocations are its own.
            generated = await Task.Factory.StartNew(() => Write(generator, pipe.Writer, Sample, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            await pipe.Writer.CompleteAsync();
        }

        var outcome = await replay;
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        var counters = await store.ReadCountersAsync(cancellationToken);
        // The longest horizon of the state: the dedup's 24 h, the memory store's minute buckets (25 h), the journeys' lookback.
        var horizonHours = new[] { processorOptions.DedupHorizon.TotalHours, InMemoryStateStore.BucketRetention.TotalHours, lookbackDays * 24.0 }.Max();
        return new SoakFigures
        {
            Hours = options.Hours,
            EventsPerSecond = options.EventsPerSecond,
            UsersPerCampaign = options.UsersPerCampaign,
            Records = outcome.Records,
            EventsCounted = counters.Events,
            Duplicates = counters.Duplicates,
            DuplicatesProbable = counters.ProbableDuplicates,
            Seconds = seconds,
            HorizonHours = horizonHours,
            LookbackDays = lookbackDays,
            Samples = samples,
            LiveMbPerHourAfterHorizon = SoakFigures.Slope([.. samples.Where(s => s.Hours > horizonHours)]),
            PipelineBytesPerRecordAfterHorizon = SoakFigures.BytesPerRecord([.. samples.Where(s => s.Hours > horizonHours)]),
            PeakLiveMb = samples.Count == 0 ? 0 : samples.Max(s => s.Heap.LiveBytes) / (1024.0 * 1024.0),
            PeakRssMb = ProcessMeters.PeakRssMegabytes(),
        };

        // The generator's campaigns, with the soak's lookback if it sets one (a copy: the generator's document is shared).
        CampaignCatalog Catalog(CampaignCatalogDocument campaigns)
        {
            var copy = System.Text.Json.JsonSerializer.Deserialize(CampaignCatalog.From(campaigns).ToJson(), Core.Json.CoreJsonContext.Default.CampaignCatalogDocument)!;
            foreach (var campaign in copy.Campaigns)
            {
                campaign.Attribution.LookbackDays = options.LookbackDays ?? campaign.Attribution.LookbackDays;
                lookbackDays = Math.Max(lookbackDays, campaign.Attribution.LookbackDays);
            }

            return CampaignCatalog.From(copy);
        }

        static void Raise(ref long highest, long value)
        {
            for (var seen = Interlocked.Read(ref highest); value > seen; seen = Interlocked.Read(ref highest))
            {
                if (Interlocked.CompareExchange(ref highest, value, seen) == seen)
                {
                    return;
                }
            }
        }

        // On the generator's thread: what it allocated is read before the heap is measured (which allocates a little there).
        void Sample(double hour)
        {
            var processAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var pipelineAllocated = processAllocated - GC.GetAllocatedBytesForCurrentThread();
            var sample = new SoakSample(hour, generated, Interlocked.Read(ref committed), HeapMeter.Measure(), clock.GetElapsedTime(started).TotalSeconds, pipelineAllocated, processAllocated);
            var last = samples.Count == 0 ? null : samples[^1];
            samples.Add(sample);
            var perRecord = SoakFigures.BytesPerRecord(last is null ? [] : [last, sample]);
            progress.Report(
                $"hour {hour:F0} of {options.Hours:F0}: {sample.RecordsCommitted:N0} records, live heap {sample.Heap.LiveBytes / (1024.0 * 1024.0):N0} MiB, resident {sample.Heap.RssBytes / (1024.0 * 1024.0):N0} MiB{(perRecord is { } bytes ? $", pipeline allocated {bytes:N0} bytes a record since the last sample" : "")}",
                force: true);
        }

        // Writes the records in event-time order until the last hour ends, calling the sampler as each sample's hour is
        // passed; returns the records written. Malformed records carry no event time: they go out where they fall.
        // Blocks on the pipe's flushes: run on a thread of its own.
        long Write(TrafficGenerator source, PipeWriter writer, Action<double> sampleAt, CancellationToken token)
        {
            var endMs = StartMs + (long)(options.Hours * 3_600_000);
            var everyMs = (long)options.SampleEvery.TotalMilliseconds;
            var nextSampleMs = StartMs + everyMs;
            generated = 0;
            foreach (var record in source.Generate())
            {
                if (record.Event is { } e)
                {
                    if (e.Ts >= endMs)
                    {
                        break;
                    }

                    while (e.Ts >= nextSampleMs)
                    {
                        Flush(writer, token);
                        sampleAt((nextSampleMs - StartMs) / 3_600_000.0);
                        nextSampleMs += everyMs;
                    }
                }

                writer.Write(record.Value);
                writer.Write("\n"u8);
                generated++;
                if (generated % 256 == 0)
                {
                    Flush(writer, token); // waits while the pipeline is behind: the pipe holds at most a megabyte
                }
            }

            Flush(writer, token);
            sampleAt(options.Hours);
            return generated;
        }

        static void Flush(PipeWriter writer, CancellationToken token)
        {
            var flush = writer.FlushAsync(token);
            if (!flush.IsCompletedSuccessfully)
            {
                flush.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
