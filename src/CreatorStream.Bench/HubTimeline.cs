using System.Text.Json;

namespace CreatorStream.Bench;

/// <summary>
/// What the bench's hub client saw: for each campaign, when each <c>snapshot</c> or <c>update</c> arrived and the
/// campaign's to-date count it showed (impressions + engagements + clicks, as <see cref="CommitTimeline"/> counts). An
/// update is a patch carrying only the totals that changed; the others are as last seen. The receive loop writes; the
/// bench reads after the run. Thread-safe.
/// </summary>
public sealed class HubTimeline(CommitTimeline commits, int campaigns)
{
    private readonly Lock _gate = new();
    private readonly List<(long Total, long Received)>[] _seen = [.. Enumerable.Range(0, campaigns).Select(_ => new List<(long, long)>())];
    private readonly Dictionary<string, (long Impressions, long Engagements, long Clicks)> _totals = new(StringComparer.Ordinal);
    private long _messages;

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>The hub client's message handler.</summary>
    public void OnMessage(string target, JsonElement snapshot, long receivedTimestamp)
    {
        if (target is not ("snapshot" or "update") || !snapshot.TryGetProperty("campaign_id", out var id))
        {
            return;
        }

        var campaign = commits.CampaignIndex(id.GetString() ?? "");
        if (campaign < 0)
        {
            return;
        }

        var totals = target == "update"
            ? snapshot.TryGetProperty("patch", out var patch) && patch.TryGetProperty("totals", out var changed) ? changed : default
            : snapshot.GetProperty("totals");
        lock (_gate)
        {
            var last = _totals.GetValueOrDefault(id.GetString() ?? "");
            if (totals.ValueKind == JsonValueKind.Object)
            {
                last = (
                    totals.TryGetProperty("impressions", out var impressions) ? impressions.GetInt64() : last.Impressions,
                    totals.TryGetProperty("engagements", out var engagements) && engagements.TryGetProperty("total", out var all) ? all.GetInt64() : last.Engagements,
                    totals.TryGetProperty("clicks", out var clicks) ? clicks.GetInt64() : last.Clicks);
                _totals[id.GetString() ?? ""] = last;
            }

            var total = last.Impressions + last.Engagements + last.Clicks;
            var seen = _seen[campaign];

            // Keep the running maximum: a message showing fewer events than an earlier one reflects nothing new.
            seen.Add((seen.Count > 0 ? Math.Max(seen[^1].Total, total) : total, receivedTimestamp));
        }

        Interlocked.Increment(ref _messages);
    }

    /// <summary>When every message the client received arrived (monotonic timestamps), campaigns together.</summary>
    public IReadOnlyList<long> ReceivedTimestamps()
    {
        lock (_gate)
        {
            return [.. _seen.SelectMany(s => s.Select(m => m.Received))];
        }
    }

    /// <summary>The highest count the client has seen for a campaign.</summary>
    public long Highest(short campaign)
    {
        lock (_gate)
        {
            return _seen[campaign].Count > 0 ? _seen[campaign][^1].Total : 0;
        }
    }

    /// <summary>When the client first saw the campaign's count reach <paramref name="total"/>, or null if it never did.</summary>
    public long? FirstReached(short campaign, long total)
    {
        lock (_gate)
        {
            var seen = _seen[campaign];
            int low = 0, high = seen.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (seen[middle].Total >= total)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low < seen.Count ? seen[low].Received : null;
        }
    }
}
