using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Makes one processed batch durable, in the order that keeps every guarantee: dead letters first (so a record
/// is never dropped: if they cannot be written, the batch's offsets are not committed and it is retried), then
/// state, alerts and offsets in one atomic store commit, then closed windows, alerts and change notices to the
/// outside, which are derived data and may be repeated after a crash (alerts carry a deterministic id).
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
        if (result.DeadLetters.Count > 0)
        {
            await deadLetters.PublishAsync(result.DeadLetters, cancellationToken);
        }

        await CommitStateAsync(result.Delta, cancellationToken);
        if (result.Delta.DedupFilterLookups > 0)
        {
            PipelineInstruments.DedupFilterLookups.Add(result.Delta.DedupFilterLookups);
            PipelineInstruments.DedupFilterHits.Add(result.Delta.ProbableDuplicates);
        }

        if (result.ClosedWindows.Count > 0)
        {
            await windows.PublishAsync(result.ClosedWindows, cancellationToken);
        }

        if (alerts is not null && result.Alerts.Count > 0)
        {
            await alerts.PublishAsync(result.Alerts, cancellationToken);
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
