using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Makes one processed batch durable, in the order that keeps every guarantee. First what the batch sends out, together:
/// dead letters (so a record is never dropped), closed windows and alerts. Then state, alerts and offsets in one atomic
/// store commit. Then change notices, in process. If anything sent out cannot be written, the batch's offsets are not
/// committed and the batch is processed again after the restart. Windows and alerts went after the commit before
/// session 53: a crash between the two lost them for good, since a restore re-reads committed records without output.
/// Now a crash between the two repeats them: an alert carries a deterministic id, and a window its batch's version and
/// its place among the batch's windows (<see cref="BatchResult.OutputVersion"/>), so a consumer keeps the highest of each
/// window, whoever sent it.
/// </summary>
public sealed class BatchCommitter(IStateStore store, IDeadLetterSink deadLetters, IWindowSink windows, IAlertSink? alerts, ICampaignChangeFeed? changes)
{
    // Names this process's commits, so a store can recognise a commit retried after a lost reply (see IStateStore).
    private readonly string _writer = Guid.NewGuid().ToString("N");
    private long _sequence;

    /// <summary>Times the store's commit (<c>creatorstream_state_commit_duration_seconds</c>). Default: the system clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public async Task CommitAsync(BatchResult result, CancellationToken cancellationToken)
    {
        result.Delta.CommitId = new CommitId(_writer, Interlocked.Increment(ref _sequence)); // tasks may commit in parallel: each task's sequence still rises
        await Task.WhenAll(
            result.DeadLetters.Count > 0 ? deadLetters.PublishAsync(result.DeadLetters, cancellationToken) : Task.CompletedTask,
            result.ClosedWindows.Count > 0 ? windows.PublishAsync(result.ClosedWindows, result.OutputVersion, cancellationToken) : Task.CompletedTask,
            alerts is not null && result.Alerts.Count > 0 ? alerts.PublishAsync(result.Alerts, cancellationToken) : Task.CompletedTask);
        await CommitStateAsync(result.Delta, cancellationToken);
        if (result.Delta.DedupFilterLookups > 0)
        {
            PipelineInstruments.DedupFilterLookups.Add(result.Delta.DedupFilterLookups);
            PipelineInstruments.DedupFilterHits.Add(result.Delta.ProbableDuplicates);
        }

        if (changes is not null)
        {
            foreach (var alert in result.Alerts)
            {
                changes.Publish(alert);
            }

            foreach (var change in CampaignChange.Of(result.Delta))
            {
                changes.Publish(change);
            }
        }

        result.Delta.Committed(); // applied and published: the user hashes' arrays go back to the pool
        result.WindowsPublished();
    }

    private async Task CommitStateAsync(StateDelta delta, CancellationToken cancellationToken)
    {
        var started = Clock.GetTimestamp();
        try
        {
            await store.CommitAsync(delta, cancellationToken);
            StateInstruments.CommitDuration.Record(Clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            StateInstruments.CommitFailures.Add(1, new KeyValuePair<string, object?>("kind", e switch
            {
                StateFencedException => "fenced",
                OperationCanceledException => "cancelled",
                _ => "error",
            }));
            throw;
        }
    }
}
