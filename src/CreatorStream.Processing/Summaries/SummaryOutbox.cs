using System.Text;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Writes creators' summaries into an outbox directory for a mailer (docs/design.md, "Creator summaries"): per summary a
/// folder <c>CAMPAIGN/CREATOR/PERIOD/</c> holding <c>summary.txt</c>, <c>summary.html</c> and <c>summary.json</c> (who,
/// the subject, the two files). The three are written into a staging folder of this writer's own and the folder is then
/// renamed into place, which fails if one is already there: a summary appears whole or not at all, and once, across
/// restarts and any number of web roles on one directory; one already there is never rewritten and is not even made
/// again. Ids go into names escaped (no separators, no dots), so no id can reach outside the directory. No mail is
/// sent here.
/// </summary>
public sealed class SummaryOutbox(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public string Directory => directory;

    /// <summary>
    /// Writes every finished period's summary of every creator of <paramref name="catalog"/> not yet in the outbox. A
    /// campaign that fails (its reads, a full disk) is reported in the result and the others go on.
    /// </summary>
    public async Task<SummaryPass> WriteDueAsync(IStateStore store, CampaignCatalog catalog, CancellationToken cancellationToken)
    {
        var written = 0;
        var failures = new List<(string, Exception)>();
        foreach (var campaign in catalog.Campaigns)
        {
            try
            {
                var due = await SummaryReader.ReadAsync(store, campaign, campaign.Creators, (creator, start) => !Exists(campaign.CampaignId, creator.CreatorId, start), cancellationToken);
                foreach (var (_, summaries) in due)
                {
                    foreach (var summary in summaries)
                    {
                        written += Write(summary) ? 1 : 0;
                    }
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add((campaign.CampaignId, e));
            }
        }

        return new SummaryPass(written, failures);
    }

    /// <summary>Whether the summary of the creator's period starting at <paramref name="periodStart"/> is in the outbox.</summary>
    public bool Exists(string campaignId, string creatorId, long periodStart) =>
        System.IO.Directory.Exists(FolderOf(campaignId, creatorId, Core.Commissions.StatementPeriods.Name(periodStart)));

    /// <summary>Writes one summary unless it is already there; true when this call put it there.</summary>
    public bool Write(CreatorSummary summary)
    {
        var folder = FolderOf(summary.CampaignId, summary.CreatorId, summary.PeriodName);
        if (System.IO.Directory.Exists(folder))
        {
            return false;
        }

        var staging = Path.Combine(Path.GetDirectoryName(folder)!, $".staging-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            Write(Path.Combine(staging, "summary.txt"), SummaryText.Plain(summary));
            Write(Path.Combine(staging, "summary.html"), SummaryText.Html(summary));
            Write(Path.Combine(staging, "summary.json"), JsonSerializer.Serialize(new
            {
                campaign_id = summary.CampaignId,
                creator_id = summary.CreatorId,
                name = summary.Name,
                period = summary.Period,
                period_start = summary.PeriodStart,
                period_end = summary.PeriodEnd,
                as_of = summary.AsOf,
                subject = SummaryText.Subject(summary),
                text = "summary.txt",
                html = "summary.html",
            }, Json));
            System.IO.Directory.Move(staging, folder);
            return true;
        }
        catch (IOException) when (System.IO.Directory.Exists(folder))
        {
            return false; // another writer put it there first
        }
        finally
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
        }
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

    private string FolderOf(string campaignId, string creatorId, string periodName) => Path.Combine(directory, Segment(campaignId), Segment(creatorId), periodName);

    private static void Write(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}

/// <summary>What one pass over the outbox did: summaries written, and the campaigns that failed with why.</summary>
public sealed record SummaryPass(int Written, IReadOnlyList<(string Campaign, Exception Error)> Failures);
