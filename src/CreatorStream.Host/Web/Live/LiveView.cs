using System.Text.Json.Nodes;

namespace CreatorStream.Host.Web.Live;

/// <summary>
/// What the viewers of one (campaign, window, model) were last sent, and its sequence number. <see cref="Gate"/> is
/// held while a patch is made and sent or a viewer joins, so every viewer holds the snapshot the next patch is from.
/// </summary>
public sealed class LiveView
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The snapshot as last sent (a join's or the last patch's result); null before the first join.</summary>
    public JsonObject? Shown { get; set; }

    /// <summary>Bumped by every patch sent; a patch names the number it applies to (<c>base</c>) and the one it makes (<c>seq</c>).</summary>
    public long Seq { get; set; }
}
