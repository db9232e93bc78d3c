namespace CreatorStream.Kafka.Producing;

/// <summary>Holds a loop to a steady rate: item i is released at start + i / rate. A rate of 0 means no pacing.</summary>
public sealed class Pacer(TimeProvider clock, double ratePerSecond)
{
    private readonly long _start = clock.GetTimestamp();

    public async Task WaitForAsync(long index, CancellationToken cancellationToken)
    {
        if (ratePerSecond <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(index / ratePerSecond) - clock.GetElapsedTime(_start);

        // Sleep only when meaningfully ahead: timers are coarse, and a burst of a few ms keeps the average exact.
        if (due > TimeSpan.FromMilliseconds(5))
        {
            await Task.Delay(due, clock, cancellationToken);
        }
    }
}
