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

    public LiveStates(IStateStore store, ICampaignChangeFeed changes, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        _subscriptions = [changes.Changes.Subscribe(OnChange), changes.Lost.Subscribe(_ => OnLost())];
    }

    /// <summary>Reads whole at least this often (<see cref="TimeSpan.MaxValue"/>: only when told to, as tests of the incremental path do).</summary>
    public TimeSpan WholeReadInterval { get; init; } = DefaultWholeReadInterval;

    /// <summary>
    /// A campaign over <paramref name="window"/> with its last hour of minutes, as a whole read would give them now
    /// (less the per-platform merges, which the hub does not send: <see cref="LiveRead.Platforms"/> names them).
    /// </summary>
    public async Task<LiveRead> ReadAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd((campaignId, window.Name), _ => new KeptState(campaignId, window));
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            return await state.RefreshAsync(_store, _clock.GetUtcNow().ToUnixTimeMilliseconds(), WholeReadInterval, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Whole reads so far, over every view (the other refreshes read only what the feed marked).</summary>
    public long WholeReads => _states.Values.Sum(s => s.WholeReads);

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void OnChange(CampaignChange change)
    {
        foreach (var ((campaign, _), state) in _states)
        {
            if (campaign == change.CampaignId)
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
