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
/// of pending journeys included.
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
                new Progress<ReplayProgress>(p => Interlocked.Exchange(ref committed, p.Records)),
                cancellationToken,
                store),
            cancellationToken);

        var started = clock.GetTimestamp();
        var samples = new List<SoakSample>();
        long generated = 0;
        try
        {
            generated = await WriteAsync(generator, pipe.Writer, hour => Sample(hour), cancellationToken);
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

        void Sample(double hour)
        {
            var sample = new SoakSample(hour, generated, Interlocked.Read(ref committed), HeapMeter.Measure(), clock.GetElapsedTime(started).TotalSeconds);
            samples.Add(sample);
            progress.Report(
                $"hour {hour:F0} of {options.Hours:F0}: {sample.RecordsCommitted:N0} records, live heap {sample.Heap.LiveBytes / (1024.0 * 1024.0):N0} MiB, resident {sample.Heap.RssBytes / (1024.0 * 1024.0):N0} MiB",
                force: true);
        }

        // Writes the records in event-time order until the last hour ends, calling the sampler as each sample's hour is
        // passed; returns the records written. Malformed records carry no event time: they go out where they fall.
        async Task<long> WriteAsync(TrafficGenerator source, PipeWriter writer, Action<double> sampleAt, CancellationToken token)
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
                        await writer.FlushAsync(token);
                        sampleAt((nextSampleMs - StartMs) / 3_600_000.0);
                        nextSampleMs += everyMs;
                    }
                }

                writer.Write(record.Value);
                writer.Write("\n"u8);
                generated++;
                if (generated % 256 == 0)
                {
                    await writer.FlushAsync(token); // waits while the pipeline is behind: the pipe holds at most a megabyte
                }
            }

            await writer.FlushAsync(token);
            sampleAt(options.Hours);
            return generated;
        }
    }
}
