using CreatorStream.Host.Composition;
using CreatorStream.Kafka;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>
/// The producer that writes the brand topic's frames: in order without gaps, reports read for errors and offsets only,
/// and a 1 ms linger (a batch's frames go together once routed; the 20 ms of other producers only delayed them), unless
/// <c>--kafka-config</c> sets a linger of its own, under either of librdkafka's names.
/// </summary>
public sealed class SourceStageProducerTests
{
    [Fact]
    public void ProducerConfig_Defaults_LingerOneMillisecondIdempotentAndGapless()
    {
        var config = SourceStageWorker.ProducerConfig(new KafkaClientSettings("127.0.0.1:9"));

        Assert.Equal(1, config.LingerMs);
        Assert.Equal("20", new KafkaClientSettings("127.0.0.1:9").Producer("other").Get("linger.ms")); // other producers keep theirs
        Assert.True(config.EnableIdempotence);
        Assert.Equal("true", config.Get("enable.gapless.guarantee"));
        Assert.Equal("none", config.DeliveryReportFields);
    }

    [Theory]
    [InlineData("linger.ms")]
    [InlineData("queue.buffering.max.ms")]
    public void ProducerConfig_LingerFromTheConfigFile_IsKept(string name)
    {
        var config = SourceStageWorker.ProducerConfig(new KafkaClientSettings("127.0.0.1:9") { Extra = new Dictionary<string, string> { [name] = "7" } });

        Assert.Equal("7", config.Get(name));
        Assert.NotEqual(1, config.LingerMs);
    }
}

/// <summary>
/// The brand topic's consumer: offsets without holes, batches cut at 1 MiB of frames or after 5 ms (frames come a source
/// batch at a time, already batched), where the ingest topics' consumer keeps its 20 ms.
/// </summary>
public sealed class BrandStageConsumerTests
{
    [Fact]
    public void ConsumerOptions_WaitFiveMillisecondsForFrames_WhereIngestWaitsTwenty()
    {
        var options = BrandStageWorker.ConsumerOptionsOf("g-brands", 1024 * 1024);

        Assert.Equal(TimeSpan.FromMilliseconds(5), options.MaxBatchWait);
        Assert.Equal(1024 * 1024, options.MaxBatchBytes);
        Assert.True(options.ContiguousOffsets);
        Assert.Equal(["creatorstream.by-brand"], options.Topics);
        Assert.Equal(TimeSpan.FromMilliseconds(20), new Kafka.Consuming.IngestConsumerOptions().MaxBatchWait);
    }
}
