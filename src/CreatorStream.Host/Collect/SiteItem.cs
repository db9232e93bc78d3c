using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// One item of a site's batch, read: an event to publish (its canonical bytes, as the pipeline decodes them), a session
/// beacon to fold into its open session, or the reason it was refused (a dead-letter code and a message).
/// </summary>
public sealed record SiteItem(StreamEvent? Event, SiteSession? Beacon, string? Code, string? Problem)
{
    public bool IsRefused => Code is not null;

    public static SiteItem Publish(StreamEvent value) => new(value, null, null, null);

    public static SiteItem Session(SiteSession beacon) => new(null, beacon, null, null);

    public static SiteItem Refuse(string code, string problem) => new(null, null, code, problem);
}
