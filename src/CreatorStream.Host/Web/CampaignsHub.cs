using CreatorStream.Core.State;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web;

/// <summary>
/// The live hub (<c>/hubs/campaigns</c>, DESIGN.md section 8). A client joins a campaign's group and at once gets a
/// full <c>snapshot</c>; the <see cref="HubBroadcaster"/> then sends throttled <c>update</c>s and immediate
/// <c>alert</c>s. A join without a key for that campaign is refused with a reason.
/// </summary>
public sealed class CampaignsHub(CampaignAccess access, SnapshotService snapshots) : Hub
{
    public static string GroupOf(string campaignId) => "campaign:" + campaignId;

    public async Task Join(string campaignId)
    {
        var decision = access.Check(Context.GetHttpContext(), campaignId, out var campaign);
        if (!decision.IsAllowed || campaign is null)
        {
            throw new HubException($"forbidden: {decision.Reason}");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(campaignId), Context.ConnectionAborted);
        var snapshot = await snapshots.GetAsync(campaign, StateWindow.CampaignToDate, Context.ConnectionAborted);
        await Clients.Caller.SendAsync("snapshot", snapshot, Context.ConnectionAborted);
    }

    public Task Leave(string campaignId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(campaignId), Context.ConnectionAborted);
}
