using System.Reactive.Concurrency;
using System.Reactive.Linq;
using CreatorStream.Core.Alerts;
using CreatorStream.Host.Operations;
using CreatorStream.Processing.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web;

/// <summary>
/// Pushes committed changes to hub clients: per campaign, at most one <c>update</c> per <see cref="Interval"/>
/// (Rx <c>Sample</c> on an injected scheduler), always the latest state, so a busy campaign cannot flood browsers.
/// </summary>
public sealed class HubBroadcaster(
    ICampaignChangeFeed changes,
    SnapshotService snapshots,
    IHubContext<CampaignsHub> hub,
    ViewerRegistry viewers,
    IScheduler scheduler,
    WebInstruments instruments,
    ILogger<HubBroadcaster> logger) : BackgroundService
{
    /// <summary>The throttle per campaign: 250 ms, four updates a second, smooth to the eye and cheap to serve.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = changes.Changes
            .PerCampaign(Interval, scheduler)
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
            // Each watched window's viewers get that window; windows nobody watches cost nothing.
            foreach (var window in viewers.WatchedWindows(change.CampaignId))
            {
                var snapshot = await snapshots.GetAsync(campaign, window, cancellationToken);
                await hub.Clients.Group(CampaignsHub.GroupOf(change.CampaignId, window)).SendAsync("update", snapshot, cancellationToken);
                instruments.Pushed("update");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed push must not end the broadcaster: the next change re-sends the latest state.
            logger.LogWarning(e, "Update for campaign {Campaign} not pushed", change.CampaignId);
        }
    }
}
