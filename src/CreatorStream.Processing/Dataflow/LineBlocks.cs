using System.Collections.Concurrent;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// The bytes of one replay batch's lines, copied end to end into large blocks lent by a <see cref="BatchRecycler"/>
/// instead of one array per line (the arrays were about a quarter of the bytes replay allocated: docs/design.md,
/// "Per-event cost"). Disposing gives the blocks back, so nothing may read the batch's records after that: what
/// outlives the batch copies its bytes (a <see cref="Core.Streaming.DeadLetter"/> always does, and so does an event
/// that waits for event time with its record). Written by one thread (the reader's), disposed once by another.
/// </summary>
public sealed class LineBlocks : IDisposable
{
    /// <summary>Bytes in a block: a few hundred lines of a typical event.</summary>
    public const int BlockBytes = 256 * 1024;

    /// <summary>A line longer than this gets an array of its own, so a block never wastes more than this at its end.</summary>
    public const int MaxSharedLineBytes = BlockBytes / 16;

    private readonly ConcurrentQueue<byte[]> _free;
    private readonly List<byte[]> _held = [];
    private byte[]? _current;
    private int _used;
    private bool _disposed;

    /// <summary>
    /// One batch's lines, in blocks taken from <paramref name="free"/> and given back to it. Not reused itself: a reference
    /// kept past <see cref="Dispose"/> can never give back a later batch's blocks.
    /// </summary>
    internal LineBlocks(ConcurrentQueue<byte[]> free) => _free = free;

    /// <summary>Blocks this batch holds now.</summary>
    public int Held => _held.Count;

    /// <summary>A copy of <paramref name="line"/>, valid until this batch is disposed.</summary>
    public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (line.Length > MaxSharedLineBytes)
        {
            return line.ToArray();
        }

        if (_current is null || _used + line.Length > _current.Length)
        {
            _current = _free.TryDequeue(out var block) ? block : new byte[BlockBytes];
            _held.Add(_current);
            _used = 0;
        }

        line.CopyTo(_current.AsSpan(_used));
        var kept = new ReadOnlyMemory<byte>(_current, _used, line.Length);
        _used += line.Length;
        return kept;
    }

    /// <summary>Gives every block back to be lent to a later batch (once: again does nothing).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var block in _held)
        {
            _free.Enqueue(block);
        }

        _held.Clear();
        _current = null;
        _used = 0;
    }
}
