using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Processing.State;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web.Live;

/// <summary>
/// The hub's live views (docs/design.md, "Serving"): a viewer gets a whole snapshot when it joins, then only patches
/// (<see cref="SnapshotPatch"/>) numbered in sequence. A snapshot on the hub is the REST summary less what the page
/// fetches only when asked (each platform's figures and each creator's per platform: <c>platform_names</c> instead),
/// and alerts come in patches never (the hub's <c>alert</c> message carries them). The figures come from views kept by the
/// change feed (<see cref="LiveStates"/>), so a push re-reads only what the batches since the last one wrote. Thread-safe.
/// </summary>
public sealed class LiveViews(SnapshotService snapshots, LiveStates states)
{
    /// <summary>Left out of patches: alerts reach viewers by the <c>alert</c> message as soon as they are raised.</summary>
    private static readonly HashSet<string> NotPatched = new(StringComparer.Ordinal) { "alerts", "generated_at", "seq" };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ConcurrentDictionary<(string Campaign, string Window, string Model), LiveView> _views = new();

    /// <summary>The hub group of one view's viewers.</summary>
    public static string GroupOf(string campaignId, StateWindow window, string model) => $"campaign:{campaignId}:{window.Name}:{model}";

    /// <summary>
    /// Sends the viewers of a view what changed since they were last sent anything (nothing when nothing did).
    /// Returns whether a patch went out.
    /// </summary>
    public async Task<bool> PushAsync(IHubClients clients, CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken)
    {
        var view = ViewOf(campaign.CampaignId, window, model);
        await view.Gate.WaitAsync(cancellationToken);
        try
        {
            return await SendPatchAsync(view, clients.Group(GroupOf(campaign.CampaignId, window, model)), await BuildAsync(campaign, window, model, withAlerts: false, cancellationToken), cancellationToken);
        }
        finally
        {
            view.Gate.Release();
        }
    }

    /// <summary>
    /// Adds a connection to a view and sends it the whole snapshot; the view's other viewers get a patch to the same
    /// snapshot first, so every viewer holds what the next patch applies to.
    /// </summary>
    public async Task JoinAsync(HubCallerContext caller, IHubCallerClients clients, IGroupManager groups, CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken)
    {
        var view = ViewOf(campaign.CampaignId, window, model);
        var group = GroupOf(campaign.CampaignId, window, model);
        await view.Gate.WaitAsync(cancellationToken);
        try
        {
            var next = await BuildAsync(campaign, window, model, withAlerts: true, cancellationToken);
            await SendPatchAsync(view, clients.Group(group), next, cancellationToken);
            view.Shown = next;
            await groups.AddToGroupAsync(caller.ConnectionId, group, cancellationToken);
            var snapshot = next.DeepClone().AsObject();
            snapshot["seq"] = view.Seq;
            await clients.Caller.SendAsync("snapshot", snapshot, cancellationToken);
        }
        finally
        {
            view.Gate.Release();
        }
    }

    /// <summary>
    /// The hub's snapshot of a view as JSON (the REST summary less the per-platform lists); alerts only
    /// <paramref name="withAlerts"/> (a joining viewer's snapshot: patches leave them out).
    /// </summary>
    public async Task<JsonObject> BuildAsync(CampaignConfig campaign, StateWindow window, string model, bool withAlerts, CancellationToken cancellationToken)
    {
        var live = await states.ReadAsync(campaign.CampaignId, window, cancellationToken);
        var alerts = withAlerts ? await snapshots.AlertsAsync(campaign.CampaignId, cancellationToken) : [];
        var snapshot = snapshots.Shape(campaign, live.State, live.Minutes, alerts, model.Length == 0 ? null : model);
        var node = JsonSerializer.SerializeToNode(snapshot, Json)!.AsObject();
        node.Remove("platforms");
        node.Remove("creator_platforms");
        node["platform_names"] = new JsonArray([.. live.Platforms.Select(p => (JsonNode?)JsonValue.Create(WireNames.Of(p)))]);
        return node;
    }

    /// <summary>
    /// Sends the viewers the patch from what they were last sent to <paramref name="next"/>, if anything changed. The view
    /// moves on only once the send has gone. A group send that throws (cancelled, at a stop or when a joining viewer
    /// leaves) may still have reached some viewers: the view stays where it was, so the next push sends the change
    /// again and no viewer is left behind, and a viewer that did get it finds that patch's base behind its own and asks
    /// for a snapshot. Moving on regardless left a viewer that missed it stale until something else changed.
    /// </summary>
    internal static async Task<bool> SendPatchAsync(LiveView view, IClientProxy viewers, JsonObject next, CancellationToken cancellationToken)
    {
        if (view.Shown is null)
        {
            view.Shown = next;
            return false;
        }

        var patch = SnapshotPatch.Diff(view.Shown, next, NotPatched);
        if (patch is null)
        {
            return false;
        }

        var update = new JsonObject
        {
            ["campaign_id"] = next["campaign_id"]?.DeepClone(),
            ["window"] = next["window"]?.DeepClone(),
            ["model"] = next["model"]?.DeepClone(),
            ["base"] = view.Seq,
            ["seq"] = view.Seq + 1,
            ["generated_at"] = next["generated_at"]?.DeepClone(),
            ["patch"] = patch,
        };
        await viewers.SendAsync("update", update, cancellationToken);
        view.Seq += 1;
        view.Shown = next;
        return true;
    }

    private LiveView ViewOf(string campaignId, StateWindow window, string model) => _views.GetOrAdd((campaignId, window.Name, model), _ => new LiveView());
}
