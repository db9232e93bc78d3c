using System.Diagnostics.Metrics;

namespace CreatorStream.Bench;

/// <summary>
/// The brand tasks' snapshots while the live bench (or a test) runs, heard from their instruments in this process
/// (<c>creatorstream_task_snapshot_duration_seconds</c>, <c>creatorstream_task_snapshot_bytes</c> and
/// <c>creatorstream_task_snapshot_held_seconds</c> and <c>creatorstream_task_snapshots_refused_total</c>;
/// docs/operations.md): a snapshot holds its task's batch while its small parts are written and its large ones frozen
/// (a stall every record then in flight waits out, which the bench's latency figures are read against), then its frozen
/// parts are written beside the stage. Thread-safe.
/// </summary>
public sealed class SnapshotMeter : IDisposable
{
    private const string DurationName = "creatorstream_task_snapshot_duration_seconds";
    private const string BytesName = "creatorstream_task_snapshot_bytes";
    private const string RefusedName = "creatorstream_task_snapshots_refused_total";
    private const string HeldName = "creatorstream_task_snapshot_held_seconds";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<SnapshotEvent> _events = [];
    private int _count;
    private double _msMax;
    private double _msTotal;
    private long _bytesMax;
    private long _refused;
    private double _heldMax;
    private double _heldTotal;

    /// <param name="clock">Dates each snapshot heard (<see cref="Events"/>), as the bench's other samples are dated.</param>
    public SnapshotMeter(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Name is DurationName or BytesName or RefusedName or HeldName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) =>
        {
            if (instrument.Name == HeldName)
            {
                HeardHeld(seconds * 1000);
            }
            else
            {
                Heard(seconds * 1000, 0);
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == RefusedName)
            {
                Interlocked.Add(ref _refused, value);
            }
            else
            {
                Heard(null, value);
            }
        });
        _listener.Start();
    }

    /// <summary>Snapshots written (committed or refused), the longest and all together in milliseconds, and the largest in bytes.</summary>
    public (int Count, double MsMax, double MsTotal, long BytesMax) Totals
    {
        get
        {
            lock (_gate)
            {
                return (_count, _msMax, _msTotal, _bytesMax);
            }
        }
    }

    /// <summary>How long snapshots held their batches, the longest and all together in milliseconds.</summary>
    public (double MsMax, double MsTotal) Held
    {
        get
        {
            lock (_gate)
            {
                return (_heldMax, _heldTotal);
            }
        }
    }

    /// <summary>Every hold and every snapshot written, dated when it ended, in the order heard.</summary>
    public IReadOnlyList<SnapshotEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Snapshots refused as larger than the store's limit.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public void Dispose() => _listener.Dispose();

    private void HeardHeld(double ms)
    {
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            _heldMax = Math.Max(_heldMax, ms);
            _heldTotal += ms;
            _events.Add(new SnapshotEvent(now, Held: true, ms));
        }
    }

    private void Heard(double? ms, long bytes)
    {
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            if (ms is { } took)
            {
                _events.Add(new SnapshotEvent(now, Held: false, took));
                _count++;
                _msMax = Math.Max(_msMax, took);
                _msTotal += took;
            }

            _bytesMax = Math.Max(_bytesMax, bytes);
        }
    }
}

/// <summary>
/// A snapshot's hold of its batch (<paramref name="Held"/>) or its whole write, <paramref name="Ms"/> long, heard when it
/// ended (<paramref name="EndedTimestamp"/>, the bench clock's timestamp).
/// </summary>
public readonly record struct SnapshotEvent(long EndedTimestamp, bool Held, double Ms);
