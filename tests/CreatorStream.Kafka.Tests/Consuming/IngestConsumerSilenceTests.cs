using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Kafka.Tests.Consuming;

/// <summary>
/// A partition's silence becomes idleness only when the broker confirms it is read to its end (docs/design.md, "Event
/// time"): silence from a fault (a broker down, fetches refused while the log grows) is reported as
/// <see cref="RecordBatch.Behind"/>. Each test has its own broker and the real Confluent.Kafka consumer.
/// </summary>
public sealed class IngestConsumerSilenceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SilentPartitions_ConfirmedAtTheirEnd_ThenBehindWhileTheBrokerIsDown_ThenConfirmedAgain()
    {
        using var broker = EmbeddedBroker.Start();

        // Read to the end and silent: the broker confirms both, so neither is behind.
        await using var run = await ReadToTheEndAsync(broker, recordsPerPartition: 3);

        // The broker gone: no confirmation, so the silence counts as a fault.
        broker.SetBrokerDown(1);
        await run.WaitForAsync(b => b.Behind.Count == 2, "both partitions behind while the broker is down");

        broker.SetBrokerUp(1);
        await run.WaitForAsync(b => b.Behind.Count == 0, "both partitions confirmed again once the broker is back");
        Assert.Equal(6, run.Delivered);
    }

    [Fact]
    public async Task FetchesRefusedWhileTheLogGrows_PartitionBehindUntilItsRecordsAreRead()
    {
        using var broker = EmbeddedBroker.Start();
        await using var run = await ReadToTheEndAsync(broker, recordsPerPartition: 2);

        // Every fetch refused from now on, then a record written: partition 1's log ends past what was read.
        broker.PushRequestErrors(KafkaApiKey.Fetch, [.. Enumerable.Repeat(ErrorCode.NotLeaderForPartition, 100_000)]);
        Produce(broker, partition: 1, count: 1);
        var stalled = await run.WaitForAsync(b => b.Behind.Contains(new SourcePartition(Topics.Impressions, 1)), "partition 1 behind while its record is unread");
        Assert.DoesNotContain(new SourcePartition(Topics.Impressions, 0), stalled.Behind); // nothing more in its log
        Assert.Equal(4, run.Delivered);

        broker.ClearRequestErrors(KafkaApiKey.Fetch);
        await run.WaitForAsync(b => run.Delivered == 5 && run.SilentFor > TimeSpan.FromSeconds(1) && b.Behind.Count == 0, "the record read, then both confirmed again");
    }

    /// <summary>
    /// Two partitions with <paramref name="recordsPerPartition"/> records each, consumed until every record is delivered
    /// and the broker has confirmed both silent partitions at their end (no batch reports either behind).
    /// </summary>
    private static async Task<Run> ReadToTheEndAsync(EmbeddedBroker broker, int recordsPerPartition)
    {
        broker.CreateTopic(Topics.Impressions, 2);
        Produce(broker, partition: 0, count: recordsPerPartition);
        Produce(broker, partition: 1, count: recordsPerPartition);
        var run = Consume(broker);
        await run.WaitForAsync(b => run.Delivered == 2 * recordsPerPartition && run.SilentFor > TimeSpan.FromSeconds(1) && b.Behind.Count == 0, "both partitions confirmed at their end");
        return run;
    }

    private static void Produce(EmbeddedBroker broker, int partition, int count)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition(Topics.Impressions, partition), new Message<byte[], byte[]> { Value = "{}"u8.ToArray() });
        }

        Assert.Equal(0, producer.Flush(Patience));
    }

    private static Run Consume(EmbeddedBroker broker)
    {
        var options = new IngestConsumerOptions
        {
            GroupId = "silence-" + Guid.NewGuid().ToString("N"),
            Topics = [Topics.Impressions],
            IdleTick = TimeSpan.FromMilliseconds(100),
            ConfirmSilenceAfter = TimeSpan.FromMilliseconds(300),
            EndOffsetTimeout = TimeSpan.FromMilliseconds(500),
        };
        var consumer = new IngestConsumer(new KafkaClientSettings(broker.BootstrapServers), options, new InMemoryStateStore(), TimeProvider.System, NullLogger<IngestConsumer>.Instance);
        return new Run(consumer);
    }

    /// <summary>A consumer running on its own thread; every batch acknowledged and kept for the test to look at.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly BlockingCollection<RecordBatch> _batches = [];
        private readonly IDisposable _subscription;
        private readonly Stopwatch _sinceRecord = Stopwatch.StartNew();
        private int _delivered;

        public Run(IngestConsumer consumer) =>
            _subscription = consumer.Batches().Subscribe(batch =>
            {
                if (batch.Records.Count > 0)
                {
                    Interlocked.Add(ref _delivered, batch.Records.Count);
                    _sinceRecord.Restart();
                }

                consumer.Acknowledge(batch.Records.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1));
                _batches.Add(batch);
            });

        public int Delivered => Volatile.Read(ref _delivered);

        public TimeSpan SilentFor => _sinceRecord.Elapsed;

        /// <summary>The first batch, from now on, that satisfies <paramref name="condition"/>; fails after the patience.</summary>
        public Task<RecordBatch> WaitForAsync(Func<RecordBatch, bool> condition, string what) => Task.Run(() =>
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < Patience)
            {
                if (_batches.TryTake(out var batch, TimeSpan.FromMilliseconds(200)) && condition(batch))
                {
                    return batch;
                }
            }

            throw new TimeoutException($"no batch within {Patience}: {what} (delivered {Delivered})");
        });

        public ValueTask DisposeAsync()
        {
            _subscription.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
