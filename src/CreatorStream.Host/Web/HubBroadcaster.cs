using System.Reactive.Concurrency;
using System.Reactive.Linq;
using CreatorStream.Core.Alerts;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web.Live;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web;

/// <summary>
/// Pushes committed changes to hub clients: per campaign, at most one <c>update</c> per
/// <see cref="WebOptions.HubUpdateInterval"/> (Rx <c>Sample</c> on an injected scheduler), always the latest state as a
/// patch from what the viewers hold (<see cref="LiveViews"/>), so a busy campaign cannot flood browsers. Every watched
/// campaign is also brought up to date once per <see cref="LiveStates.DefaultWholeReadInterval"/> and when the feed may
/// have lost notices, with nothing committed: the kept views then read whole, so a figure a lost notice left behind is
/// put right on screen even when the campaign has gone quiet.
/// </summary>
public sealed class HubBroadcaster(
    ICampaignChangeFeed changes,
    SnapshotService snapshots,
    LiveViews views,
    WebOptions options,
    IHubContext<CampaignsHub> hub,
    ViewerRegistry viewers,
    IScheduler scheduler,
    WebInstruments instruments,
    ILogger<HubBroadcaster> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refreshes = Observable.Interval(LiveStates.DefaultWholeReadInterval, scheduler).Select(_ => System.Reactive.Unit.Default)
            .Merge(changes.Lost.Delay(TimeSpan.FromMilliseconds(100), scheduler)) // after the kept views heard it
            .SelectMany(_ => viewers.WatchedCampaigns().Select(campaign => new CampaignChange(campaign, long.MinValue, scheduler.Now.ToUnixTimeMilliseconds())));
        var subscription = changes.Changes
            .Merge(refreshes)
            .PerCampaign(options.HubUpdateInterval, scheduler)
            .Select(change => Observable.FromAsync(cancellationToken => PushAsync(change, cancellationToken)))
            .Concat()
            .Subscribe(_ => { }, error => logger.LogError(error, "Hub broadcasting stopped"));
        var alerts = changes.Alerts
            .Select(alert => Observable.FromAsync(cancellationToken => PushAlertAsync(alert, cancellationToken)))
            .Concat()
            .Subscribe(_ => { }, error => logger.LogError(error, "Alert broadcasting stopped"));
        stoppingToken.Register(subscription.Dispose);
        stoppingToken.Register(alerts.Dispose);
        return Task.CompletedTask;
    }

    private async Task PushAlertAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(CampaignsHub.GroupOf(alert.CampaignId)).SendAsync("alert", AlertView.Of(alert), cancellationToken);
            instruments.Pushed("alert");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Alert {Alert} not pushed", alert.AlertId);
        }
    }

    private async Task PushAsync(CampaignChange change, CancellationToken cancellationToken)
    {
        if (!snapshots.TryGetCampaign(change.CampaignId, out var campaign))
        {
            return;
        }

        try
        {
            // Each watched view's viewers get what changed in that view; views nobody watches cost nothing.
            foreach (var (window, model) in viewers.WatchedViews(change.CampaignId))
            {
                if (await views.PushAsync(hub.Clients, campaign, window, model, cancellationToken))
                {
                    instruments.Pushed("update");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed push must not end the broadcaster: the next change re-sends the latest state.
            logger.LogWarning(e, "Update for campaign {Campaign} not pushed", change.CampaignId);
        }
    }
}
