using CreatorStream.Bench;

namespace CreatorStream.Host.Cli;

/// <summary>
/// Progress for long verbs, on standard error so standard output stays clean for data. Prints at most once per
/// <see cref="Interval"/> unless forced; thread-safe. The bench reports through it too (<see cref="IBenchProgress"/>).
/// </summary>
public sealed class ProgressPrinter(TextWriter error, TimeProvider clock, string verb) : IBenchProgress
{
    private readonly Lock _gate = new();
    private long _lastPrinted = long.MinValue;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public void Report(string line, bool force = false)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (!force && _lastPrinted != long.MinValue && clock.GetElapsedTime(_lastPrinted, now) < Interval)
            {
                return;
            }

            _lastPrinted = now;
            error.WriteLine($"{verb}: {line}");
        }
    }
}
