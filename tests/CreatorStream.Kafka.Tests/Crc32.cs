namespace CreatorStream.Kafka.Tests;

/// <summary>
/// CRC-32 (the zlib/Ethernet one: reflected polynomial 0xEDB88320): librdkafka's <c>consistent</c> and default
/// <c>consistent_random</c> partitioners put a keyed record in partition crc32(key) % partitions. Written here as an
/// oracle independent of librdkafka.
/// </summary>
internal static class Crc32
{
    public static uint Hash(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The partition librdkafka's default partitioner gives a keyed record.</summary>
    public static int Partition(ReadOnlySpan<byte> key, int partitions) => (int)(Hash(key) % (uint)partitions);
}
