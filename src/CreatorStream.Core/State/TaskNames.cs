using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.State;

/// <summary>
/// The name of the task that owns an input partition (docs/design.md, "Dataflow"): <c>b7</c> for partition 7 of the brand
/// topic, <c>s:TOPIC/P</c> for an ingest partition. Stores key each task's offsets and snapshot by it (in Redis it is the
/// hash tag of every key the task's commit touches). Stateless.
/// </summary>
public static class TaskNames
{
    /// <summary>The internal topic between the stages, keyed and partitioned by brand.</summary>
    public const string BrandTopic = "creatorstream.by-brand";

    public static string Of(SourcePartition partition) =>
        partition.Topic == BrandTopic ? Brand(partition.Partition) : $"s:{partition.Topic}/{partition.Partition}";

    public static string Brand(int partition) => $"b{partition}";
}
