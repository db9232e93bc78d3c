using CreatorStream.Core.Attribution;
using CreatorStream.Core.State;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web;

/// <summary>
/// The live hub (<c>/hubs/campaigns</c>, docs/design.md, "Serving"). A client joins a view of a campaign: a window
/// (<c>5m</c>, <c>1h</c>, <c>24h</c> or <c>campaign</c>) and optionally an attribution model for the credited figures
/// (default the campaign's reporting model). It at once gets a whole <c>snapshot</c> of that view carrying a sequence
/// number; the <see cref="HubBroadcaster"/> then sends throttled <c>update</c>s, each a patch from one number to the
/// next (<see cref="LiveViews"/>), and immediate <c>alert</c>s. A join without a key for that campaign is refused with
/// a reason.
/// </summary>
public sealed class CampaignsHub(CampaignAccess access, LiveViews views, ViewerRegistry viewers, WebInstruments instruments) : Hub
{
    /// <summary>Everyone watching a campaign, whatever the view: alerts go here.</summary>
    public static string GroupOf(string campaignId) => "campaign:" + campaignId;

    /// <summary>Joins a window of a campaign under its reporting model (SignalR matches a call's arguments by count: hence two methods).</summary>
    public Task Join(string campaignId, string? window = null) => JoinView(campaignId, window, null);

    /// <summary>Joins a window of a campaign with its credited figures under <paramref name="model"/> (null: the reporting model).</summary>
    public async Task JoinView(string campaignId, string? window, string? model)
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

        if (model is not null && !AttributionModels.All.Contains(model))
        {
            throw new HubException($"bad model '{model}': use one of {string.Join(", ", AttributionModels.All)}");
        }

        if (viewers.Join(Context.ConnectionId, campaignId, stateWindow, model ?? ""))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(campaignId), Context.ConnectionAborted);
        }

        await views.JoinAsync(Context, Clients, Groups, campaign, stateWindow, model ?? "", Context.ConnectionAborted);
        instruments.Pushed("snapshot");
    }

    /// <summary>Stops updates for one window of a campaign (under any model; with no window, all of them); alerts stop with the last.</summary>
    public async Task Leave(string campaignId, string? window = null)
    {
        StateWindow? leaving = window is not null && StateWindow.TryParse(window, out var parsed) ? parsed : null;
        foreach (var each in leaving is { } one ? [one] : StateWindow.All)
        {
            foreach (var model in AttributionModels.All.Append(""))
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveViews.GroupOf(campaignId, each, model), Context.ConnectionAborted);
            }
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
