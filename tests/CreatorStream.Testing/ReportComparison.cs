using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Json;
using CreatorStream.Core.Reporting;

namespace CreatorStream.Testing;

/// <summary>
/// Compares two replay reports (docs/design.md, "Replay report") figure by figure: counts and text exactly, numbers to 1e-9
/// relative (sums added in a different order), and names the first difference.
/// </summary>
public static class ReportComparison
{
    /// <summary>The report as JSON; without its alerts when <paramref name="withAlerts"/> is false.</summary>
    public static JsonNode Json(ReplayReport report, bool withAlerts = true)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(report, CoreJsonContext.Default.ReplayReport))!;
        if (!withAlerts)
        {
            foreach (var (_, campaign) in node["campaigns"]!.AsObject())
            {
                campaign!.AsObject().Remove("alerts");
            }
        }

        return node;
    }

    /// <summary>Every difference, as JSON paths with both values (empty when the two agree).</summary>
    public static IReadOnlyList<string> Differences(JsonNode? actual, JsonNode? expected, string at = "$")
    {
        var found = new List<string>();
        Collect(actual, expected, at, found);
        return found;
    }

    private static void Collect(JsonNode? actual, JsonNode? expected, string at, List<string> found)
    {
        if (actual is JsonObject a && expected is JsonObject b)
        {
            foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
            {
                Collect(a[name], b[name], $"{at}.{name}", found);
            }
        }
        else if (actual is JsonArray x && expected is JsonArray y && x.Count == y.Count)
        {
            for (var i = 0; i < x.Count; i++)
            {
                Collect(x[i], y[i], $"{at}[{i}]", found);
            }
        }
        else if (Difference(actual, expected, at) is { } difference)
        {
            found.Add(difference);
        }
    }

    /// <summary>Where the first difference is, as a JSON path with both values; null when the two agree.</summary>
    public static string? Difference(JsonNode? actual, JsonNode? expected, string at = "$")
    {
        switch (actual, expected)
        {
            case (null, null):
                return null;
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (Difference(a[name], b[name], $"{at}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    return $"{at}: {a.Count} items, expected {b.Count}";
                }

                return Enumerable.Range(0, a.Count).Select(i => Difference(a[i], b[i], $"{at}[{i}]")).FirstOrDefault(d => d is not null);
            case (JsonValue a, JsonValue b) when a.TryGetValue<double>(out var x) && b.TryGetValue<double>(out var y):
                return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))) ? null : $"{at}: {x}, expected {y}";
            default:
                return JsonNode.DeepEquals(actual, expected) ? null : $"{at}: {actual?.ToJsonString()}, expected {expected?.ToJsonString()}";
        }
    }
}
