using System.Globalization;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Host.Composition;

/// <summary>
/// What the worker says about each committed batch, with the campaign or partition it concerns as structured fields
/// (logging scopes: <c>campaign_id</c>, <c>topic</c>, <c>partition</c>), so JSON logs can be filtered by either.
/// Dead letters and alerts at Information (an operator acts on them), late corrections and commits at Debug (one a batch).
/// Never logs record contents: a dead letter's bytes stay on the dead-letter topic.
/// </summary>
public sealed class BatchLog(ILogger logger)
{
    public void Committed(BatchResult result, int records, TimeSpan latency)
    {
        DeadLetters(result.DeadLetters);
        foreach (var alert in result.Alerts)
        {
            using (logger.BeginScope("campaign_id={campaign_id} creator_id={creator_id}", alert.CampaignId, alert.CreatorId))
            {
                logger.LogInformation(
                    "Alert {Kind} for creator {Creator}, content {Content}, window {WindowStart}–{WindowEnd}",
                    alert.Kind,
                    alert.CreatorId,
                    alert.ContentId ?? "-",
                    alert.WindowStart,
                    alert.WindowEnd);
            }
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var campaign in result.Delta.HasCorrections ? result.Delta.CorrectedBuckets.GroupBy(k => k.CampaignId) : [])
            {
                using (logger.BeginScope("campaign_id={campaign_id}", campaign.Key))
                {
                    logger.LogDebug("Late events corrected {Buckets} closed one-minute buckets", campaign.Count());
                }
            }

            foreach (var (partition, next) in result.Delta.NextOffsets)
            {
                using (logger.BeginScope("topic={topic} partition={partition}", partition.Topic, partition.Partition))
                {
                    logger.LogDebug("Committed through offset {Offset}", next - 1);
                }
            }

            logger.LogDebug(
                "Committed a batch of {Records} records over {Partitions} partitions in {LatencyMs} ms; watermark {Watermark}",
                records,
                result.Delta.NextOffsets.Count,
                Math.Round(latency.TotalMilliseconds, 1),
                result.Delta.Watermark);
        }
    }

    private void DeadLetters(IReadOnlyList<DeadLetter> letters)
    {
        foreach (var group in letters.GroupBy(l => (l.Record.Source, l.Reason, l.Stage)))
        {
            using (logger.BeginScope("topic={topic} partition={partition}", group.Key.Source.Topic, group.Key.Source.Partition))
            {
                logger.LogInformation(
                    "{Count} records dead-lettered at {Stage}: {Reason} (offsets {Offsets})",
                    group.Count(),
                    DeadLetterReasons.Code(group.Key.Stage),
                    DeadLetterReasons.Code(group.Key.Reason),
                    string.Join(",", group.Select(l => l.Record.Offset.ToString(CultureInfo.InvariantCulture)).Take(20)));
            }
        }
    }
}
