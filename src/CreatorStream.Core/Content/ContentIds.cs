using System.Text;

namespace CreatorStream.Core.Content;

/// <summary>Stable ids and fields of the content records (docs/design.md, "Content").</summary>
public static class ContentIds
{
    /// <summary>Escapes '%' and '|' so that ids joined by '|' stay apart.</summary>
    public static string Escape(string id) => id.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    /// <summary>
    /// A compliance flag's id: "f" and the 64-bit FNV-1a of its kind, post and subject (a link), in hex. The same finding
    /// gets the same id in every run and on every worker, so a person's review of it survives a replay or a restore, and
    /// it is safe in a URL.
    /// </summary>
    public static string Flag(string kind, PostRef post, string? subject)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var part in new[] { kind, post.CampaignId, post.CreatorId, Events.WireNames.Of(post.Platform), post.ContentId, subject ?? "" })
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * 1_099_511_628_211UL;
            }

            hash = (hash ^ 0x1F) * 1_099_511_628_211UL; // a separator no id byte sequence can imitate across parts
        }

        return "f" + hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
