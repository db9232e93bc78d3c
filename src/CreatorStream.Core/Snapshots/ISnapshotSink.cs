namespace CreatorStream.Core.Snapshots;

/// <summary>
/// Where a snapshot's bytes go while it is being written (a state store's, <c>IStateStore.OpenSnapshotSink</c>): the
/// writer hands over each full chunk as it fills, so a large state is never held whole in memory beside itself
/// (docs/design.md, "Recovery"). What it took stays in the snapshot's order as a <see cref="StoredPart"/>, which the
/// store's commit names in the snapshot's manifest. Thread-safe: a snapshot's groups write side by side.
/// </summary>
public interface ISnapshotSink
{
    /// <summary>
    /// Takes <paramref name="bytes"/>, the snapshot's next bytes wherever the writer is: copied or sent before this
    /// returns (the writer fills its array again). Never throws: a part the store could not take fails the commit's
    /// snapshot instead (the last one stands), as a part refused at commit would.
    /// </summary>
    StoredPart Store(ReadOnlySpan<byte> bytes);

    /// <summary>The snapshot will not be committed (it passed its limit, or its task failed): what was stored may go now.</summary>
    void Abandon();
}

/// <summary>
/// Bytes a <see cref="ISnapshotSink"/> took: its parts numbered <see cref="FirstId"/> onwards (<see cref="Count"/> of
/// them, consecutive), <see cref="Length"/> bytes in all. Immutable.
/// </summary>
public sealed record StoredPart(ISnapshotSink Sink, int FirstId, int Count, int Length);

/// <summary>One piece of a snapshot, in order: bytes in memory, or bytes already in the store (<see cref="Stored"/>).</summary>
public readonly record struct SnapshotPiece(ReadOnlyMemory<byte> Bytes, StoredPart? Stored)
{
    public long Length => Stored?.Length ?? Bytes.Length;
}
