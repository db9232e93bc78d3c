using System.Collections.Concurrent;
using CreatorStream.Core.State;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Processing.State;

/// <summary>
/// Campaign state kept up to date by the change feed, for the hub's pushes (docs/design.md, "Serving"). For each campaign and
/// window a viewer watches, a <see cref="KeptState"/> holds the stored aggregates the window is made of and their merged
/// views; a change notice marks the aggregates its batch wrote, and the next read re-reads and re-merges only those
/// instead of the whole campaign. A kept state is read whole when first asked for, when notices may have been lost
/// (<see cref="ICampaignChangeFeed.Lost"/>, a notice that does not list its aggregates, a read that failed), and at least
/// every <see cref="WholeReadInterval"/>: a worker that dies between its commit and its notice loses that notice for good.
/// Thread-safe.
/// </summary>
public sealed class LiveStates : IDisposable
{
    /// <summary>Minutes of trend kept with each view: the last hour up to the campaign's newest event, as the hub shows it.</summary>
    public const int TrendMinutes = 60;

    /// <summary>How stale a lost notice can leave a figure that nothing changes again.</summary>
    public static readonly TimeSpan DefaultWholeReadInterval = TimeSpan.FromMinutes(1);

    private readonly IStateStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Campaign, string Window), KeptState> _states = new();
    private readonly IDisposable[] _subscriptions;
    private long _forgottenWholeReads;

    public LiveStates(IStateStore store, ICampaignChangeFeed changes, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        _subscriptions = [changes.Changes.Subscribe(OnChange), changes.Lost.Subscribe(_ => OnLost())];
    }

    /// <summary>A view nobody read for this long is let go (its viewers left); reading it again starts with a whole read.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    /// <summary>Reads whole at least this often (<see cref="TimeSpan.MaxValue"/>: only when told to, as tests of the incremental path do).</summary>
    public TimeSpan WholeReadInterval { get; init; } = DefaultWholeReadInterval;

    /// <summary>
    /// A campaign over <paramref name="window"/> with its last hour of minutes, as a whole read would give them now
    /// (less the per-platform merges, which the hub does not send: <see cref="LiveRead.Platforms"/> names them).
    /// </summary>
    public async Task<LiveRead> ReadAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd((campaignId, window.Name), _ => new KeptState(campaignId, window));
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        state.LastReadMs = now; // before waiting: a view whose first read was cancelled is still let go in time
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            return await state.RefreshAsync(_store, now, WholeReadInterval, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Whole reads so far, over every view (the other refreshes read only what the feed marked).</summary>
    public long WholeReads => Interlocked.Read(ref _forgottenWholeReads) + _states.Values.Sum(s => s.WholeReads);

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    /// <summary>Views kept now (each campaign and window someone read lately).</summary>
    public int Count => _states.Count;

    private void OnChange(CampaignChange change)
    {
        var forgetBefore = _clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)ForgetAfter.TotalMilliseconds;
        foreach (var (view, state) in _states)
        {
            if (state.LastReadMs < forgetBefore && state.LastReadMs != 0 && _states.TryRemove(view, out _))
            {
                Interlocked.Add(ref _forgottenWholeReads, state.WholeReads);
            }
            else if (view.Campaign == change.CampaignId)
            {
                state.Mark(change.Touched);
            }
        }
    }

    private void OnLost()
    {
        foreach (var state in _states.Values)
        {
            state.Mark(null);
        }
    }
}
