using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Cli;

namespace CreatorStream.Host.Composition;

/// <summary>The event-time options every processing verb accepts, and how they become <see cref="ProcessorOptions"/>.</summary>
public static class ProcessorOptionSpecs
{
    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("watermark-delay-ms", "how far the watermark trails the newest event", "5000", ValueName: "MS"),
        new("allowed-lateness-ms", "how late an event may be and still correct its window", "3600000", ValueName: "MS"),
        new("idle-timeout-ms", "how long a silent partition holds the watermark back before it is passed over", "30000", ValueName: "MS"),
        new("dedup-exact-ms", "how far behind the watermark event ids are held exactly; older ones, to the 24 h horizon, in per-hour filters (1 in 10,000 false matches, counted)", ValueName: "MS", WhenUnset: "the allowed lateness + 15 min"),
        new("authenticity-horizon-ms", "how long the authenticity classifier remembers users, posts and pod waves (a day for creators who post daily)", "21600000", ValueName: "MS"),
    ];

    /// <summary>The options, with the input limits (<see cref="LimitOptionSpecs"/>, which every verb taking these also declares).</summary>
    public static ProcessorOptions Read(ParsedArgs args)
    {
        var options = ProcessorOptions.Default with
        {
            WatermarkDelay = TimeSpan.FromMilliseconds(args.Long("watermark-delay-ms", 0, 86_400_000)),
            AllowedLateness = TimeSpan.FromMilliseconds(args.Long("allowed-lateness-ms", 0, 7 * 86_400_000L)),
            IdleTimeout = TimeSpan.FromMilliseconds(args.Long("idle-timeout-ms", 100, 86_400_000)),
            Authenticity = Horizon(args.Long("authenticity-horizon-ms", 600_000, 7 * 86_400_000L)),
        };
        if (args.Has("dedup-exact-ms"))
        {
            // Below the allowed lateness, copies a partition keeping up delivers on time would rest on a filter.
            var floor = Math.Min((long)options.AllowedLateness.TotalMilliseconds, (long)options.DedupHorizon.TotalMilliseconds);
            options = options with { DedupExactSpan = TimeSpan.FromMilliseconds(args.Long("dedup-exact-ms", floor, (long)options.DedupHorizon.TotalMilliseconds)) };
        }

        return LimitOptionSpecs.Apply(args, options);
    }

    /// <summary>
    /// The classifier's memory of users, posts and pod waves, set together: a pod is caught only while its last wave is
    /// remembered, and a real creator posts hours apart (docs/benchmarks.md, "Session 6").
    /// </summary>
    private static AuthenticityOptions Horizon(long ms) => AuthenticityOptions.Default with
    {
        PodHistoryMs = ms,
        UserRetentionMs = ms,
        PostRetentionMs = ms,
    };
}
