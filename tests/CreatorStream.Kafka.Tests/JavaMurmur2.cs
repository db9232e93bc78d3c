namespace CreatorStream.Kafka.Tests;

/// <summary>
/// The Java Kafka client's default partitioner for keyed records, written from <c>org.apache.kafka.common.utils.Utils</c>
/// (<c>murmur2</c>, <c>toPositive</c>): an oracle for where a Java producer puts a key, independent of librdkafka.
/// </summary>
internal static class JavaMurmur2
{
    /// <summary>Utils.murmur2: MurmurHash2, 32-bit, with Kafka's seed.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        const uint Seed = 0x9747b28c, M = 0x5bd1e995;
        const int R = 24;
        var h = Seed ^ (uint)data.Length;
        var whole = data.Length / 4 * 4;
        for (var i = 0; i < whole; i += 4)
        {
            var k = data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16) | ((uint)data[i + 3] << 24);
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        // Java's switch falls through from 3 to 1.
        var tail = data.Length % 4;
        if (tail == 3)
        {
            h ^= (uint)data[whole + 2] << 16;
        }

        if (tail >= 2)
        {
            h ^= (uint)data[whole + 1] << 8;
        }

        if (tail >= 1)
        {
            h ^= data[whole];
            h *= M;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }

    /// <summary>The partition the Java client's default partitioner gives a keyed record: toPositive(murmur2) % partitions.</summary>
    public static int Partition(ReadOnlySpan<byte> key, int partitions) => (Hash(key) & 0x7fffffff) % partitions;
}
