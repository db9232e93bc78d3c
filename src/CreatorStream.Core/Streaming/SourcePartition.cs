namespace CreatorStream.Core.Streaming;

/// <summary>One partition of one topic: the unit of ordering, watermarks, deduplication and offsets.</summary>
public readonly record struct SourcePartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}[{Partition}]";
}
