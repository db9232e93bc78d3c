using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// A platform's insights export (CSV with a header row, or JSON: an array of objects or <c>{"data":[…]}</c>), one row
/// per post and day, read into insight events (docs/design.md, "Collector"). Column names are matched loosely, as
/// platforms and tools write them: <c>content_id</c>/<c>post_id</c>/<c>video_id</c>, <c>date</c>/<c>day</c>,
/// <c>impressions</c>/<c>views</c>, <c>reach</c>/<c>accounts_reached</c>, <c>likes</c>, <c>comments</c>, <c>shares</c>,
/// <c>saves</c>; campaign, creator and platform come from the row or from the defaults given. Every row is checked
/// (campaign and creator known, a real day, whole non-negative figures) and the file is refused whole, naming each bad
/// line, if any is not: an import never half-publishes.
/// </summary>
public sealed class InsightFile(CampaignCatalog catalog, EventDecoder decoder)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["content_id"] = "content_id",
        ["post_id"] = "content_id",
        ["video_id"] = "content_id",
        ["media_id"] = "content_id",
        ["date"] = "date",
        ["day"] = "date",
        ["impressions"] = "impressions",
        ["views"] = "impressions",
        ["video_views"] = "impressions",
        ["plays"] = "impressions",
        ["reach"] = "reach",
        ["accounts_reached"] = "reach",
        ["likes"] = "likes",
        ["comments"] = "comments",
        ["shares"] = "shares",
        ["saves"] = "saves",
        ["campaign_id"] = "campaign_id",
        ["creator_id"] = "creator_id",
        ["platform"] = "platform",
    };

    private static readonly string[] Counts = ["impressions", "reach", "likes", "comments", "shares", "saves"];

    /// <summary>The file's rows as events, or the problems of the bad rows ("line N: …").</summary>
    public (IReadOnlyList<Insight> Insights, IReadOnlyList<string> Problems) Read(string text, bool json, InsightDefaults defaults, long importedAtMs)
    {
        var rows = json ? JsonRows(text) : CsvRows(text);
        var insights = new List<Insight>();
        var problems = new List<string>();
        var where = json ? "item" : "line";
        var days = new Dictionary<(string, string, Platform, string, DateOnly), int>();
        foreach (var (line, fields) in rows)
        {
            var (insight, problem) = Row(fields, defaults, importedAtMs);
            if (problem is not null)
            {
                problems.Add($"{where} {line}: {problem}");
            }
            else if (!days.TryAdd((insight!.CampaignId, insight.CreatorId, insight.Platform, insight.ContentId, insight.Day), line))
            {
                // Rows of one import share their time: which of two rows of one day would stand is not the file's order.
                var first = days[(insight.CampaignId, insight.CreatorId, insight.Platform, insight.ContentId, insight.Day)];
                problems.Add($"{where} {line}: post '{insight.ContentId}' on {insight.Day:yyyy-MM-dd} is already in {where} {first}");
            }
            else
            {
                insights.Add(insight);
            }
        }

        if (rows.Count == 0)
        {
            problems.Add("the file holds no rows");
        }

        return (insights, problems);
    }

    private (Insight? Insight, string? Problem) Row(Dictionary<string, string> fields, InsightDefaults defaults, long importedAtMs)
    {
        var campaign = fields.GetValueOrDefault("campaign_id") ?? defaults.CampaignId;
        var creator = fields.GetValueOrDefault("creator_id") ?? defaults.CreatorId;
        var platform = fields.GetValueOrDefault("platform") ?? defaults.Platform;
        if (campaign is null || creator is null || platform is null)
        {
            return (null, $"no {(campaign is null ? "campaign_id" : creator is null ? "creator_id" : "platform")}: give the column or --{(campaign is null ? "campaign" : creator is null ? "creator" : "platform")}");
        }

        if (!catalog.TryGet(campaign, out _))
        {
            return (null, $"campaign '{campaign}' is not configured");
        }

        if (!catalog.HasCreator(campaign, creator))
        {
            return (null, $"creator '{creator}' is not in campaign '{campaign}'");
        }

        var record = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ts"] = importedAtMs,
            ["campaign_id"] = campaign,
            ["creator_id"] = creator,
            ["platform"] = platform.ToLowerInvariant(),
            ["content_id"] = fields.GetValueOrDefault("content_id"),
            ["date"] = Day(fields.GetValueOrDefault("date")),
            ["source"] = defaults.Source,
        };
        foreach (var name in Counts)
        {
            if (fields.GetValueOrDefault(name) is { Length: > 0 } text)
            {
                if (!long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    return (null, $"{name} must be a whole number of at least 0, not '{text}'");
                }

                record[name] = count;
            }
        }

        // The id names the post, the day, the source and the figures: the same row imported again is a duplicate, and a
        // corrected row a new record that replaces the day.
        var figures = string.Join(',', Counts.Select(c => record.GetValueOrDefault(c)?.ToString() ?? ""));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(figures)))[..12].ToLowerInvariant();
        record["event_id"] = $"insight-{platform}-{record["content_id"]}-{record["date"]}-{defaults.Source}-{hash}";
        var result = decoder.Decode(JsonSerializer.SerializeToUtf8Bytes(record.Where(p => p.Value is not null).ToDictionary()), EventType.Insight);
        return result.Event is Insight insight ? (insight, null) : (null, result.Message);
    }

    /// <summary>
    /// A day as yyyy-MM-dd from the forms exports write it in: an ISO day, or the day part of an ISO date-time as written
    /// (<c>2026-11-21T00:00:00+0000</c> is the 21st, in whatever zone the import runs), or a US-style M/d/yyyy.
    /// </summary>
    private static string? Day(string? text)
    {
        if (text?.Trim() is not { Length: > 0 } day)
        {
            return null;
        }

        if (day.Length > 10 && day[10] is 'T' or ' ')
        {
            return day[..10]; // the decoder checks it is a real day
        }

        return day.Contains('/') && DateTime.TryParseExact(day, ["M/d/yyyy", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : day; // the decoder names what is wrong with it
    }

    private static string Key(string header)
    {
        var name = new string([.. header.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_')]).Trim('_');
        return Aliases.GetValueOrDefault(name) ?? name;
    }

    private static List<(int Line, Dictionary<string, string> Fields)> JsonRows(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) ? data : root;
        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("a JSON export must be an array of rows or {\"data\":[…]}");
        }

        var rows = new List<(int, Dictionary<string, string>)>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    fields[Key(property.Name)] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            rows.Add((index++, fields));
        }

        return rows;
    }

    private static List<(int Line, Dictionary<string, string> Fields)> CsvRows(string text)
    {
        var records = Csv(text);
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Fields.Select(Key).ToList();
        return [.. records.Skip(1).Where(r => r.Fields.Any(f => f.Length > 0)).Select(r => (r.Line, header.Zip(r.Fields).Where(p => p.Second.Length > 0).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second, StringComparer.Ordinal)))];
    }

    /// <summary>RFC 4180 records (quoted fields may hold commas, quotes doubled and line breaks), with the line each starts on.</summary>
    private static List<(int Line, List<string> Fields)> Csv(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, quoted) = (1, 1, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add((start, fields));
                fields = [];
                start = ++line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }

        return records;
    }
}

/// <summary>What an import says of rows that do not say it themselves, and where the figures come from.</summary>
public sealed record InsightDefaults(string Source, string? CampaignId, string? CreatorId, string? Platform);
