using System.Text;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Writes creators' summaries into an outbox directory for a mailer (docs/design.md, "Creator summaries"): per summary
/// <c>CAMPAIGN/CREATOR/PERIOD.txt</c> and <c>.html</c>, then <c>PERIOD.json</c> (who, the subject, the two files),
/// whose presence says the summary is complete. Each file is written whole under a temporary name and renamed, and a
/// summary whose <c>.json</c> exists is never written again; the <c>.json</c> is put in place only where none is, so
/// after a restart, or with two web roles on one directory, each summary is announced once. Ids go
/// into names escaped (no separators, no dots), so no id can reach outside the directory. No mail is sent here.
/// </summary>
public sealed class SummaryOutbox(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public string Directory => directory;

    /// <summary>Writes every finished period's summary of every creator of <paramref name="catalog"/> not yet in the outbox; returns how many it wrote.</summary>
    public async Task<int> WriteDueAsync(IStateStore store, CampaignCatalog catalog, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var (_, summaries) in await SummaryReader.ReadAsync(store, campaign, campaign.Creators, cancellationToken))
            {
                foreach (var summary in summaries)
                {
                    written += Write(summary) ? 1 : 0;
                }
            }
        }

        return written;
    }

    /// <summary>Writes one summary unless it is already there; true when written.</summary>
    public bool Write(CreatorSummary summary)
    {
        var folder = Path.Combine(directory, Segment(summary.CampaignId), Segment(summary.CreatorId));
        var manifest = Path.Combine(folder, summary.PeriodName + ".json");
        if (File.Exists(manifest))
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(folder);
        WriteWhole(Path.Combine(folder, summary.PeriodName + ".txt"), SummaryText.Plain(summary));
        WriteWhole(Path.Combine(folder, summary.PeriodName + ".html"), SummaryText.Html(summary));
        return WriteOnce(manifest, JsonSerializer.Serialize(new
        {
            campaign_id = summary.CampaignId,
            creator_id = summary.CreatorId,
            name = summary.Name,
            period = summary.Period,
            period_start = summary.PeriodStart,
            period_end = summary.PeriodEnd,
            as_of = summary.AsOf,
            subject = SummaryText.Subject(summary),
            text = summary.PeriodName + ".txt",
            html = summary.PeriodName + ".html",
        }, Json));
    }

    /// <summary>An id as one safe path segment: letters, digits, '-' and '_' kept, every other byte of its UTF-8 as <c>%XX</c>.</summary>
    public static string Segment(string id)
    {
        var safe = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                safe.Append(c);
            }
            else
            {
                safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return safe.Length > 0 ? safe.ToString() : "%";
    }

    /// <summary>Puts the manifest in place only if none is there yet: of two writers racing, one wins and the other writes nothing.</summary>
    private static bool WriteOnce(string path, string text)
    {
        var temporary = path + $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static void WriteWhole(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
