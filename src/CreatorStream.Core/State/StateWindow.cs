namespace CreatorStream.Core.State;

/// <summary>
/// Which span of event time a read covers: the campaign to date, or the last N minutes up to the campaign's newest
/// event (rolling views are merges of one-minute buckets, docs/design.md, "Event time").
/// </summary>
public readonly record struct StateWindow(string Name, TimeSpan? Span)
{
    public static StateWindow CampaignToDate { get; } = new("campaign", null);
    public static StateWindow Last5Minutes { get; } = new("5m", TimeSpan.FromMinutes(5));
    public static StateWindow LastHour { get; } = new("1h", TimeSpan.FromHours(1));
    public static StateWindow Last24Hours { get; } = new("24h", TimeSpan.FromHours(24));

    public static IReadOnlyList<StateWindow> All { get; } = [Last5Minutes, LastHour, Last24Hours, CampaignToDate];

    public static bool TryParse(string? name, out StateWindow window)
    {
        window = All.FirstOrDefault(w => w.Name == (name ?? "campaign"));
        return window.Name is not null;
    }
}
