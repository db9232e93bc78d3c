using CreatorStream.Core.State;
using CreatorStream.Host.Operations;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web;

/// <summary>
/// The live hub (<c>/hubs/campaigns</c>, docs/design.md, "Serving"). A client joins a campaign's group and at once gets a
/// full <c>snapshot</c> for the window it asks for (<c>5m</c>, <c>1h</c>, <c>24h</c> or <c>campaign</c>); the
/// <see cref="HubBroadcaster"/> then sends throttled <c>update</c>s for that window and immediate <c>alert</c>s.
/// A join without a key for that campaign is refused with a reason.
/// </summary>
public sealed class CampaignsHub(CampaignAccess access, SnapshotService snapshots, ViewerRegistry viewers, WebInstruments instruments) : Hub
{
    /// <summary>Everyone watching a campaign, whatever the window: alerts go here.</summary>
    public static string GroupOf(string campaignId) => "campaign:" + campaignId;

    /// <summary>Everyone watching a campaign over one window: updates for that window go here.</summary>
    public static string GroupOf(string campaignId, StateWindow window) => $"campaign:{campaignId}:{window.Name}";

    public async Task Join(string campaignId, string? window = null)
    {
        var decision = access.Check(Context.GetHttpContext(), campaignId, out var campaign);
        if (!decision.IsAllowed || campaign is null)
        {
            throw new HubException($"forbidden: {decision.Reason}");
        }

        if (!StateWindow.TryParse(window, out var stateWindow))
        {
            throw new HubException($"bad window '{window}': use one of {string.Join(", ", StateWindow.All.Select(w => w.Name))}");
        }

        if (viewers.Join(Context.ConnectionId, campaignId, stateWindow))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(campaignId), Context.ConnectionAborted);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(campaignId, stateWindow), Context.ConnectionAborted);
        var snapshot = await snapshots.GetAsync(campaign, stateWindow, Context.ConnectionAborted);
        await Clients.Caller.SendAsync("snapshot", snapshot, Context.ConnectionAborted);
        instruments.Pushed("snapshot");
    }

    /// <summary>Stops updates for one window of a campaign (or, with no window, all of them); alerts stop with the last window.</summary>
    public async Task Leave(string campaignId, string? window = null)
    {
        StateWindow? leaving = window is not null && StateWindow.TryParse(window, out var parsed) ? parsed : null;
        foreach (var each in leaving is { } one ? [one] : StateWindow.All)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(campaignId, each), Context.ConnectionAborted);
        }

        if (viewers.Leave(Context.ConnectionId, campaignId, leaving))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(campaignId), Context.ConnectionAborted);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        viewers.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
