using System.Globalization;
using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.State;

namespace CreatorStream.Redis.Tests;

/// <summary>A store's answers rendered as sorted text, so two stores' answers compare with one string equality.</summary>
internal static class StateText
{
    public static string Of(CampaignState state)
    {
        var lines = new List<string> { $"totals {View(state.Totals)}", $"watermark {state.Watermark}" };
        lines.AddRange(state.Creators.Select(c => $"creator {c.Key} {View(c.Value)}"));
        lines.AddRange(state.Content.Select(c => $"content {c.Key} {View(c.Value)}"));
        lines.AddRange(state.Platforms.Select(c => $"platform {c.Key} {View(c.Value)}"));
        lines.AddRange(state.CreatorPlatforms.Select(c => $"creator-platform {c.Key} {View(c.Value)}"));
        lines.AddRange(state.Attribution.Creators.Select(c => $"credit creator {c.Key} {R(c.Value.Conversions)} {R(c.Value.Revenue)}"));
        lines.AddRange(state.Attribution.Content.Select(c => $"credit content {c.Key} {R(c.Value.Conversions)} {R(c.Value.Revenue)}"));
        lines.AddRange(state.Attribution.Assists.Select(c => $"assists {c.Key} {c.Value}"));
        lines.Add($"data-driven fallback {state.Attribution.DataDrivenFallback}");
        return Join(lines);
    }

    public static string Of(IEnumerable<BucketView> buckets) =>
        string.Join('\n', buckets.Select(b => $"{b.Start} {View(b.Figures)} corrected {b.CorrectedAtMs}"));

    /// <summary>Periods of a long series with every counter, by name.</summary>
    public static string Of(IEnumerable<PeriodView> periods) =>
        string.Join('\n', periods.Select(p => $"{p.Start} " + string.Join(' ', typeof(Core.Metrics.Counters).GetFields().Select(f => $"{f.Name}={f.GetValue(p.Counters)}"))));

    public static string Of(IEnumerable<Alert> alerts) =>
        string.Join('\n', alerts.Select(a => Encoding.UTF8.GetString(AlertJson.Write(a))));

    public static string Of(StreamCounters counters) =>
        Join([$"events {counters.Events}", $"duplicates {counters.Duplicates} probable {counters.ProbableDuplicates} lookups {counters.DedupFilterLookups}", $"unattributed {R(counters.Unattributed.Conversions)} {R(counters.Unattributed.Revenue)}",
            .. counters.DeadLetters.Select(d => $"dead letters {d.Key} {d.Value}")]);

    private static string View(AggregateView v) =>
        $"[{v.Counters.Impressions} {v.Counters.Likes} {v.Counters.Comments} {v.Counters.Shares} {v.Counters.Saves} {v.Counters.AuthenticEngagements} {v.Counters.Clicks} {v.Counters.InauthenticClicks} {v.Counters.Conversions}] " +
        $"reach {v.Reach} first {v.FirstEventTs} last {v.LastEventTs} updated {v.UpdatedAtMs} format {v.Format}";

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));
}
