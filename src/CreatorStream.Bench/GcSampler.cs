namespace CreatorStream.Bench;

/// <summary>
/// Watches the garbage collector while the live bench runs: every 20 ms it notes the collections of each kind that
/// ended since the last look (ephemeral, background gen2, blocking gen2), with each one's pause, from
/// <see cref="GC.GetGCMemoryInfo(GCKind)"/>. Two collections of one kind inside one look are seen as one (the counts
/// and the total pause in <see cref="GcTotals"/> are exact). Runs on its own thread-pool loop; read once stopped.
/// </summary>
public sealed class GcSampler(TimeProvider clock) : IAsyncDisposable
{
    private static readonly GCKind[] Kinds = [GCKind.Ephemeral, GCKind.Background, GCKind.FullBlocking];

    private readonly List<GcEvent> _events = [];
    private readonly long[] _lastIndex = new long[Kinds.Length];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    public IReadOnlyList<GcEvent> Events => _events;

    public void Start()
    {
        for (var k = 0; k < Kinds.Length; k++)
        {
            _lastIndex[k] = GC.GetGCMemoryInfo(Kinds[k]).Index;
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Stops sampling (after a last look); idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Look();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), clock, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Look();
    }

    private void Look()
    {
        var now = clock.GetTimestamp();
        for (var k = 0; k < Kinds.Length; k++)
        {
            var info = GC.GetGCMemoryInfo(Kinds[k]);
            if (info.Index == _lastIndex[k] || info.Index == 0)
            {
                continue;
            }

            _lastIndex[k] = info.Index;
            var pause = 0.0;
            foreach (var p in info.PauseDurations)
            {
                pause += p.TotalMilliseconds;
            }

            _events.Add(new GcEvent(now, info.Generation, Kinds[k] == GCKind.Background, info.Compacted, pause, info.HeapSizeBytes, info.PromotedBytes));
        }
    }
}
