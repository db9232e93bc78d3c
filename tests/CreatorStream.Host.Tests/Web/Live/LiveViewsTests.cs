using System.Text.Json.Nodes;
using CreatorStream.Host.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Tests.Web.Live;

/// <summary>A view's sequence and what it last showed move on only with a patch that was sent.</summary>
public sealed class LiveViewsTests
{
    [Fact]
    public async Task SendPatch_SendThrows_TheViewStaysWhereItWas_SoTheNextPushSendsTheChangeAgain()
    {
        var view = new LiveView { Shown = Snapshot(likes: 2), Seq = 7 };
        var viewers = new Viewers { Fail = true };

        await Assert.ThrowsAsync<OperationCanceledException>(() => LiveViews.SendPatchAsync(view, viewers, Snapshot(likes: 3), default));
        Assert.Equal((7L, 2), (view.Seq, (int)view.Shown!["likes"]!));

        viewers.Fail = false;
        Assert.True(await LiveViews.SendPatchAsync(view, viewers, Snapshot(likes: 3), default)); // nothing changed since: sent again
        var update = Assert.Single(viewers.Sent);
        Assert.Equal((7L, 8L, 3), ((long)update["base"]!, (long)update["seq"]!, (int)update["patch"]!["likes"]!));
        Assert.Equal(8, view.Seq);

        Assert.False(await LiveViews.SendPatchAsync(view, viewers, Snapshot(likes: 3), default)); // and once only
    }

    private static JsonObject Snapshot(int likes) => new() { ["campaign_id"] = "spring", ["window"] = "campaign", ["model"] = "last_touch", ["likes"] = likes };

    private sealed class Viewers : IClientProxy
    {
        public bool Fail { get; set; }

        public List<JsonObject> Sent { get; } = [];

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new OperationCanceledException("the hub is stopping");
            }

            Sent.Add((JsonObject)args[0]!);
            return Task.CompletedTask;
        }
    }
}
