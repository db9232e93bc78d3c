using Confluent.Kafka;
using CreatorStream.Kafka.Native;

namespace CreatorStream.Kafka.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    public void EnsureLoaded_CalledConcurrently_ConfluentKafkaBindsTheOperatingSystemLibrary()
    {
        Parallel.For(0, 8, _ => KafkaNative.EnsureLoaded());
        KafkaNative.EnsureLoaded();

        // Debian 12's librdkafka1. The mock cluster API that EmbeddedBroker calls has no ABI
        // guarantee upstream, so a different librdkafka should be a reviewed change, not a surprise.
        Assert.Equal("2.0.2", Library.VersionString);
    }
}
