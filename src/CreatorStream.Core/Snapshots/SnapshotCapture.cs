namespace CreatorStream.Core.Snapshots;

/// <summary>
/// A snapshot taken in two steps (decision 0033; docs/design.md, "Recovery"). Inside the batch, the state's parts are
/// either written at once (<see cref="Now"/>) or frozen: copied into forms the task no longer changes, for a writer to
/// read later (<see cref="Later"/>). Beside the stage, <see cref="Finish"/> writes the frozen parts and puts every part
/// in its order. The bytes are those the whole state would have written inside the batch; only the wait moves.
/// </summary>
/// <remarks>
/// A part given to <see cref="Later"/> must read nothing the task may change after <see cref="Now"/>'s caller returns
/// to its batch: the task goes on with its records while <see cref="Finish"/> runs on another thread.
/// </remarks>
public sealed class SnapshotCapture : IDisposable
{
    private readonly List<object> _parts = []; // in order: SnapshotBytes written, or an Action<SnapshotWriter> to write
    private readonly List<IDisposable> _holds = []; // let go when finished or dropped
    private readonly long _maxBytes;

    /// <param name="maxBytes">The most the snapshot may take (<see cref="SnapshotWriter(long, ISnapshotSink?)"/>).</param>
    /// <param name="sink">Where full chunks go as they fill (a store's); null keeps every byte here.</param>
    public SnapshotCapture(long maxBytes = long.MaxValue, ISnapshotSink? sink = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxBytes = maxBytes;
        Sink = sink;
    }

    /// <summary>Where full chunks go as they fill; null when every byte stays here.</summary>
    public ISnapshotSink? Sink { get; }

    /// <summary>The most the snapshot may take.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>Bytes written so far by <see cref="Now"/> (frozen parts are not yet counted).</summary>
    public long WrittenBytes { get; private set; }

    /// <summary>Writes the next part at once, from the state as it stands.</summary>
    /// <exception cref="SnapshotTooLargeException">The parts written so far pass the limit.</exception>
    public void Now(Action<SnapshotWriter> write)
    {
        var part = SnapshotWriter.Part(_maxBytes - WrittenBytes, Sink, write);
        Add(part);
    }

    // Puts bytes written with this capture's sink as the next part; throws SnapshotTooLargeException past the limit.
    private void Add(SnapshotBytes part)
    {
        WrittenBytes += part.Length;
        if (WrittenBytes > _maxBytes)
        {
            throw new SnapshotTooLargeException(_maxBytes);
        }

        _parts.Add(part);
    }

    /// <summary>
    /// The next part, to be written by <see cref="Finish"/> from <paramref name="write"/>'s own frozen copy of the state
    /// (see the remarks on <see cref="SnapshotCapture"/>).
    /// </summary>
    public void Later(Action<SnapshotWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _parts.Add(write);
    }

    /// <summary>Keeps <paramref name="hold"/> (what the frozen parts need kept as it is) until finished or disposed.</summary>
    public void Keep(IDisposable hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        lock (_holds)
        {
            _holds.Add(hold);
        }
    }

    /// <summary>
    /// An array of at least <paramref name="length"/> items for a frozen part to copy into, lent by the process's pool
    /// (<see cref="FrozenArrays{T}"/>) and given back when this capture is finished or dropped: the part must read only
    /// its first <paramref name="length"/> items, and keep nothing of it past its write.
    /// </summary>
    public T[] Rent<T>(int length)
    {
        var (array, lease) = FrozenArrays<T>.Rent(length);
        Keep(lease);
        return array;
    }

    /// <summary>
    /// <see cref="Rent{T}"/> from <paramref name="capture"/>, or a new array of exactly <paramref name="length"/> items
    /// when there is none (a snapshot written in one go, whose copies go when it is written). Either way the part writes
    /// each item before it reads it, so a new array is not cleared first (a lent one may hold an earlier capture's).
    /// </summary>
    public static T[] RentOrMake<T>(SnapshotCapture? capture, int length) => capture?.Rent<T>(length) ?? GC.AllocateUninitializedArray<T>(length);

    /// <summary>
    /// <paramref name="table"/>'s entries copied in its order into an array from <see cref="RentOrMake{T}"/> (the copy
    /// is the segment), for a frozen part to write as the table itself would be written.
    /// </summary>
    public static ArraySegment<KeyValuePair<TKey, TValue>> CopyOf<TKey, TValue>(SnapshotCapture? capture, Dictionary<TKey, TValue> table)
        where TKey : notnull =>
        Copy<TKey, TValue, Dictionary<TKey, TValue>.Enumerator>(capture, table.Count, table.GetEnumerator());

    /// <summary><paramref name="table"/>'s entries copied in slot order, as <see cref="CopyOf{TKey, TValue}(SnapshotCapture?, Dictionary{TKey, TValue})"/> copies a dictionary's.</summary>
    internal static ArraySegment<KeyValuePair<ulong, TValue>> CopyOf<TValue>(SnapshotCapture? capture, Sketches.FlatTable<TValue> table)
        where TValue : struct =>
        Copy<ulong, TValue, Sketches.FlatTable<TValue>.Enumerator>(capture, table.Count, table.GetEnumerator());

    // A table's entries through its struct enumerator (not boxed), into an array from RentOrMake.
    private static ArraySegment<KeyValuePair<TKey, TValue>> Copy<TKey, TValue, TEntries>(SnapshotCapture? capture, int total, TEntries entries)
        where TEntries : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        var copy = RentOrMake<KeyValuePair<TKey, TValue>>(capture, total);
        var count = 0;
        while (entries.MoveNext())
        {
            copy[count++] = entries.Current;
        }

        return new ArraySegment<KeyValuePair<TKey, TValue>>(copy, 0, count);
    }

    /// <summary>Lets go of what the frozen parts needed: after <see cref="Finish"/>, or for a capture never to be finished.</summary>
    public void Dispose()
    {
        lock (_holds)
        {
            foreach (var hold in _holds)
            {
                hold.Dispose();
            }

            _holds.Clear();
        }
    }

    /// <summary>Puts <paramref name="other"/>'s parts, written or frozen, and its holds after this one's, in their order.</summary>
    public void Append(SnapshotCapture other)
    {
        ArgumentNullException.ThrowIfNull(other);
        lock (other._holds)
        {
            foreach (var hold in other._holds)
            {
                Keep(hold);
            }

            other._holds.Clear();
        }

        foreach (var part in other._parts)
        {
            if (part is SnapshotBytes bytes)
            {
                Add(bytes);
            }
            else
            {
                _parts.Add(part);
            }
        }
    }

    /// <summary>Frozen parts still to be written.</summary>
    public int FrozenParts => _parts.Count(p => p is not SnapshotBytes);

    /// <summary>
    /// Writes the frozen parts (side by side, each into a writer of its own) and returns the whole snapshot, its parts in
    /// the order given, and lets go of the holds (<see cref="Dispose"/>). Safe on any one thread while the task goes on;
    /// call once.
    /// </summary>
    /// <exception cref="SnapshotTooLargeException">The snapshot passes its limit.</exception>
    public SnapshotBytes Finish()
    {
        try
        {
            return Write();
        }
        finally
        {
            Dispose();
        }
    }

    private SnapshotBytes Write()
    {
        var limit = _maxBytes - WrittenBytes;
        var written = new SnapshotBytes?[_parts.Count];
        var frozen = Enumerable.Range(0, _parts.Count).Where(i => _parts[i] is Action<SnapshotWriter>).ToArray();
        try
        {
            Parallel.ForEach(frozen, i => written[i] = SnapshotWriter.Part(limit, Sink, (Action<SnapshotWriter>)_parts[i]));
        }
        catch (AggregateException e)
        {
            ThrowAsOne(e, _maxBytes);
        }

        var writer = new SnapshotWriter(_maxBytes, Sink);
        for (var i = 0; i < _parts.Count; i++)
        {
            writer.Append(written[i] ?? (SnapshotBytes)_parts[i]);
        }

        return writer.ToBytes();
    }

    /// <summary>
    /// The failure of parts written side by side as if written in one go: too large first (with the whole snapshot's
    /// limit <paramref name="maxBytes"/>, not what was left of it for a part), else the first failure as it was thrown.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowAsOne(AggregateException e, long maxBytes)
    {
        if (e.InnerExceptions.Any(x => x is SnapshotTooLargeException))
        {
            throw new SnapshotTooLargeException(maxBytes);
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
    }
}
