using Confluent.Kafka;
using CreatorStream.Kafka;

namespace CreatorStream.Bench;

/// <summary>
/// The raw Kafka ceiling: a bare consumer (its own group, the worker's client settings) reading the ingest topics
/// from the start and doing nothing with the records. The clock starts at its first record, so the group join is
/// not counted, and stops at its last: the rate at which this machine can move these records out of the broker.
/// Measured warm: a first pass over the topics' first records runs the consume loop until the JIT has optimized it, and
/// is not counted. Cold, the figure depended on how far the JIT had got (346,757 to 1,325,381 records/s in three
/// runs, docs/benchmarks.md, session 35), since the pass is over in a second or two.
/// </summary>
public static class RawKafkaCeiling
{
    /// <summary>Quiet this long after the first record means the topics are read to their end.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    /// <summary>Records the uncounted first pass reads at most.</summary>
    private const long WarmUpRecords = 200_000;

    /// <summary>
    /// Reads until <paramref name="expected"/> records, a quiet spell, or <paramref name="timeout"/> (each pass); returns
    /// the counted pass's records and seconds.
    /// </summary>
    public static Task<(long Records, double Seconds)> MeasureAsync(KafkaClientSettings kafka, long expected, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                Measure(kafka, Math.Min(expected, WarmUpRecords), timeout, clock, cancellationToken);
                return Measure(kafka, expected, timeout, clock, cancellationToken);
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static (long Records, double Seconds) Measure(KafkaClientSettings kafka, long expected, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer($"creatorstream-bench-ceiling-{Guid.NewGuid():N}", "creatorstream-bench-ceiling")).Build();
        consumer.Subscribe(Topics.Ingest);
        var started = clock.GetTimestamp();
        long records = 0, first = 0, last = 0;
        try
        {
            while (records < expected && clock.GetElapsedTime(started) < timeout && !cancellationToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null || result.IsPartitionEOF)
                {
                    if (records > 0 && clock.GetElapsedTime(last) > Quiet)
                    {
                        break;
                    }

                    continue;
                }

                last = clock.GetTimestamp();
                if (records++ == 0)
                {
                    first = last;
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        return (records, records < 2 ? 0 : clock.GetElapsedTime(first, last).TotalSeconds);
    }
}
