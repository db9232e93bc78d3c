using System.Diagnostics.Tracing;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Benchmarks;

/// <summary>
/// Which types the hot path allocates, by share of bytes: the processor over generated traffic after a warm-up, sampled
/// by the runtime's <c>GCAllocationTick</c> events (one per ~100 KB allocated, naming the type) through an in-process
/// <see cref="EventListener"/>. `dotnet run -c Release --project tests/CreatorStream.Benchmarks -- alloc-profile`.
/// Sampled, so shares under a percent are noise; the exact per-record total is <c>HotPathAllocationTests</c>'s.
/// </summary>
public static class AllocationProfile
{
    public static void Run(TextWriter output)
    {
        // 400 events a second, as HotPathAllocationTests: the warm-up's 250 s of event time pass the classifier's judge lag.
        var generator = new TrafficGenerator(new GeneratorOptions { StartMs = Traffic.StartMs, EventsPerSecond = 400, MaxEvents = 200_000, Seed = 3 });
        var batches = Traffic.Batches(generator, 4_096);
        var processor = new StreamProcessor(Traffic.Catalog(generator), ProcessorOptions.Default with { IdleTimeout = null });
        var warmUp = batches.Length / 2; // past the classifier's judge lag, so what is measured is the steady state
        foreach (var batch in batches.Take(warmUp))
        {
            processor.Process(batch);
        }

        using var listener = new TickListener();
        foreach (var batch in batches.Skip(warmUp))
        {
            processor.Process(batch);
        }

        var total = Math.Max(1, listener.Bytes.Values.Sum());
        output.WriteLine($"{total / 1_000_000.0:N1} MB sampled over {batches.Skip(warmUp).Sum(b => b.Records.Count):N0} records");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(p => p.Value).Take(25))
        {
            output.WriteLine($"{100.0 * bytes / total,5:F1} %  {type}");
        }
    }

    private sealed class TickListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public Dictionary<string, long> Bytes { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var type = names.IndexOf("TypeName") is var t and >= 0 ? payload[t]?.ToString() ?? "?" : "?";
            var bytes = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            lock (Bytes)
            {
                Bytes[type] = Bytes.GetValueOrDefault(type) + bytes;
            }
        }
    }
}
