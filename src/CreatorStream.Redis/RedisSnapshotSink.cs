using CreatorStream.Core.Snapshots;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>
/// Takes a task's snapshot as its writer fills it (<see cref="ISnapshotSink"/>; docs/design.md, "Recovery"): each part
/// becomes a field of a new hash (<see cref="RedisKeys.SnapshotParts"/>), numbered as taken, with a time to live until
/// the commit makes it permanent and names the parts' order (<see cref="SnapshotParts"/>). At most
/// <see cref="InFlight"/> parts are on their way at once; a writer with another full chunk waits for the oldest (at most
/// <see cref="RedisStoreOptions.SnapshotPartTimeout"/>), so a gigabyte of state passes through a few mebibytes. A part
/// that fails or times out is remembered, the rest are not sent, and the commit (<see cref="CompleteAsync"/>) goes
/// without the snapshot. Thread-safe: a snapshot's groups write side by side.
/// </summary>
internal sealed class RedisSnapshotSink : ISnapshotSink
{
    /// <summary>Parts on their way to Redis at once, per snapshot.</summary>
    public const int InFlight = 8;

    private readonly IDatabase _db;
    private readonly int _partBytes;
    private readonly long _timeToLiveSeconds;
    private readonly TimeSpan _partTimeout;
    private readonly SemaphoreSlim _slots = new(InFlight);
    private readonly List<Task> _writes = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Collections.Concurrent.ConcurrentBag<byte[]>> _free = new();
    private int _lastId = -1;
    private Exception? _failure;

    /// <param name="db">The store's database.</param>
    /// <param name="key">The new hash the parts go into (<see cref="RedisKeys.SnapshotParts"/>).</param>
    /// <param name="partBytes">The most bytes one part takes (<see cref="RedisStoreOptions.SnapshotPartBytes"/>): a larger chunk goes as several.</param>
    /// <param name="timeToLive">How long parts no commit names live.</param>
    /// <param name="partTimeout">The longest a writer waits for a part to land before the snapshot fails (<see cref="RedisStoreOptions.SnapshotPartTimeout"/>).</param>
    public RedisSnapshotSink(IDatabase db, string key, int partBytes, TimeSpan timeToLive, TimeSpan partTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partBytes);
        (_db, Key, _partBytes, _timeToLiveSeconds, _partTimeout) = (db, key, partBytes, (long)timeToLive.TotalSeconds, partTimeout);
    }

    /// <summary>The hash the parts are fields of.</summary>
    public string Key { get; }

    public StoredPart Store(ReadOnlySpan<byte> bytes)
    {
        var count = (bytes.Length + _partBytes - 1) / _partBytes;
        var first = Interlocked.Add(ref _lastId, count) - count + 1;
        for (var i = 0; i < count; i++)
        {
            if (Volatile.Read(ref _failure) is not null)
            {
                break; // the snapshot failed: nothing more goes, and no writer waits
            }

            var at = i * _partBytes;
            var piece = bytes.Slice(at, Math.Min(_partBytes, bytes.Length - at));
            if (!_slots.Wait(_partTimeout))
            {
                // The client has no timeout of its own for a command sent asynchronously: a Redis away for long must not
                // hold the brand stage. The snapshot fails (its commit goes without it, counted); the stage goes on.
                Fail(NoSlot());
                continue;
            }

            byte[] part;
            try
            {
                part = Rent(piece.Length); // the writer fills its array again; this one is the part's until it lands
                piece.CopyTo(part);
            }
            catch (Exception e)
            {
                Fail(e); // out of memory, at worst: this snapshot fails, never the stage
                _slots.Release();
                break;
            }

            Send(first + i, part, pooled: true);
        }

        return new StoredPart(this, first, count, bytes.Length);
    }

    /// <summary>Sends one more part (bytes the writer kept, at commit); returns its number.</summary>
    public async Task<int> StoreAsync(byte[] part)
    {
        var id = Interlocked.Increment(ref _lastId);
        if (!await _slots.WaitAsync(_partTimeout))
        {
            Fail(NoSlot());
        }
        else
        {
            Send(id, part, pooled: false);
        }

        ThrowIfFailed();
        return id;
    }

    /// <summary>
    /// Waits for every part sent, at most <see cref="RedisStoreOptions.SnapshotPartTimeout"/> once the last was sent; throws
    /// the first failure, if a part failed (at once: a part that failed dooms the snapshot, so nothing is waited for).
    /// </summary>
    public async Task CompleteAsync()
    {
        ThrowIfFailed();
        Task[] writes;
        lock (_writes)
        {
            writes = [.. _writes];
        }

        try
        {
            await Task.WhenAll(writes).WaitAsync(_partTimeout);
        }
        catch (TimeoutException)
        {
            Fail(new TimeoutException($"the snapshot's last parts did not land in Redis within {_partTimeout.TotalSeconds:F0} s"));
        }

        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    public void Abandon()
    {
        try
        {
            _db.KeyDelete(Key, CommandFlags.FireAndForget); // parts still on their way expire with their time to live
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // Redis is away: the parts expire with their time to live.
        }
    }

    // A part's array: one whose part has landed, if one of this length is free. The writer's full chunks are all of one
    // size, so a snapshot's parts pass through as many arrays as may be on their way, not one new array each (a
    // gigabyte of large-object garbage at a million users, docs/benchmarks.md, session 45).
    private byte[] Rent(int length) =>
        _free.TryGetValue(length, out var free) && free.TryTake(out var array) ? array : GC.AllocateUninitializedArray<byte>(length);

    private void Return(byte[] array) => _free.GetOrAdd(array.Length, _ => []).Add(array);

    // Called with a slot taken; gives it back when the part has landed or failed.
    private void Send(int id, byte[] part, bool pooled)
    {
        if (Volatile.Read(ref _failure) is not null)
        {
            _slots.Release(); // one part failed: the snapshot will not be committed, so the rest need not go
            return;
        }

        Task write;
        try
        {
            write = _db.ScriptEvaluateAsync(Scripts.SnapshotPart, [Key], [id, part, _timeToLiveSeconds]);
        }
        catch (Exception e)
        {
            Fail(e);
            _slots.Release();
            return;
        }

        var landed = write.ContinueWith(
            (t, state) =>
            {
                var (sink, array) = ((RedisSnapshotSink, byte[]?))state!;
                if (t.Status != TaskStatus.RanToCompletion)
                {
                    sink.Fail(t.Exception?.InnerException ?? new TaskCanceledException("a part's write was cancelled"));
                }
                else if (array is not null)
                {
                    sink.Return(array); // landed: the client has written it and is done with it
                }

                sink._slots.Release();
            },
            (this, pooled ? part : null),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        lock (_writes)
        {
            _writes.Add(landed);
        }
    }

    private TimeoutException NoSlot() => new($"no part of the snapshot landed in Redis within {_partTimeout.TotalSeconds:F0} s");

    private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);
}
