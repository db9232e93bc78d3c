using System.Runtime.InteropServices;

namespace CreatorStream.Kafka.Embedded;

/// <summary>
/// Owns an <c>rd_kafka_mock_cluster_t*</c> together with the <c>rd_kafka_t*</c> it was created on.
/// </summary>
/// <remarks>
/// A <see cref="SafeHandle"/> rather than a bare pointer because the interop layer reference-counts
/// it around every call: a <see cref="SafeHandle.Dispose()"/> racing a fault-injection call on
/// another thread waits for that call instead of freeing the cluster under it, and calls after
/// disposal throw <see cref="ObjectDisposedException"/> instead of touching freed memory.
/// </remarks>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly nint kafka;

    // The interop generator needs a parameterless constructor; such a handle is invalid.
    public MockClusterHandle()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    internal MockClusterHandle(nint cluster, nint kafka)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        SetHandle(cluster);
        this.kafka = kafka;
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        // Order matters: librdkafka asserts that every mock cluster is destroyed before the
        // rd_kafka_t it was created on ("All mock clusters must be destroyed prior to rd_kafka_t destroy").
        MockClusterNative.ClusterDestroy(handle);
        MockClusterNative.KafkaDestroy(kafka);
        return true;
    }
}
