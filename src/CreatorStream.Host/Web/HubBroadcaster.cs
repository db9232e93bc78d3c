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
/// put right on screen even when the campaign has gone quiet. Once per <see cref="WebOptions.JudgedAlertInterval"/> each
/// watched campaign's alerts judged when read (<see cref="JudgedAlerts"/>) are judged again: an alert that is new or whose
/// figures moved is pushed, and one that no longer holds is pushed once more with <c>resolved: true</c>, so an open
/// dashboard shows what <c>/alerts</c> would answer.
/// </summary>
public sealed class HubBroadcaster(
    ICampaignChangeFeed changes,
    SnapshotService snapshots,
    JudgedAlerts judged,
    LiveViews views,
    WebOptions options,
    IHubContext<CampaignsHub> hub,
    ViewerRegistry viewers,
    IScheduler scheduler,
    WebInstruments instruments,
    ILogger<HubBroadcaster> logger) : BackgroundService
{
    /// <summary>Each watched campaign's judged alerts, by id, as last pushed (touched only by <see cref="PushJudgedAsync"/>, one call at a time).</summary>
    private readonly Dictionary<string, Dictionary<string, AlertView>> _judged = new(StringComparer.Ordinal);

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
        var judgedAlerts = Observable.Interval(options.JudgedAlertInterval, scheduler)
            .Select(_ => Observable.FromAsync(PushJudgedAsync))
            .Concat()
            .Subscribe(_ => { }, error => logger.LogError(error, "Judged alert broadcasting stopped"));
        stoppingToken.Register(subscription.Dispose);
        stoppingToken.Register(alerts.Dispose);
        stoppingToken.Register(judgedAlerts.Dispose);
        return Task.CompletedTask;
    }

    private async Task PushJudgedAsync(CancellationToken cancellationToken)
    {
        var watched = viewers.WatchedCampaigns().ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _judged.Keys.Where(id => !watched.Contains(id)).ToList())
        {
            _judged.Remove(gone); // a viewer who comes back reads them whole from /alerts
        }

        foreach (var campaignId in watched)
        {
            if (!snapshots.TryGetCampaign(campaignId, out var campaign))
            {
                continue;
            }

            try
            {
                var now = (await judged.JudgeAsync(campaign, cancellationToken)).ToDictionary(a => a.AlertId, StringComparer.Ordinal);
                var before = _judged.GetValueOrDefault(campaignId) ?? [];
                var resolvedAt = scheduler.Now.ToUnixTimeMilliseconds();
                var changed = now.Values.Where(a => !before.TryGetValue(a.AlertId, out var was) || !SameFigures(was, a))
                    .Concat(before.Values.Where(a => !now.ContainsKey(a.AlertId)).Select(a => Resolved(a, resolvedAt)));
                foreach (var alert in changed)
                {
                    await hub.Clients.Group(CampaignsHub.GroupOf(campaignId)).SendAsync("alert", alert, cancellationToken);
                    instruments.Pushed("alert");
                }

                _judged[campaignId] = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round judges again and pushes what this one could not.
                logger.LogWarning(e, "Judged alerts for campaign {Campaign} not pushed", campaignId);
            }
        }
    }

    private static bool SameFigures(AlertView a, AlertView b) =>
        a.WindowEnd == b.WindowEnd && a.Details.ToJsonString() == b.Details.ToJsonString();

    /// <summary>An alert that no longer holds, as its last push: its figures then, marked <c>resolved</c> at <paramref name="atMs"/>.</summary>
    private static AlertView Resolved(AlertView alert, long atMs)
    {
        var details = (System.Text.Json.Nodes.JsonObject)alert.Details.DeepClone();
        details["resolved"] = true;
        details["resolved_at"] = atMs;
        return alert with { Details = details };
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
