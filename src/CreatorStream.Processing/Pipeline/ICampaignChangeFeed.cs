using CreatorStream.Core.Alerts;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Tells readers (the web role) which campaigns changed after each committed batch: in process for <c>run</c>,
/// Redis pub/sub across processes. Thread-safe.
/// </summary>
public interface ICampaignChangeFeed
{
    IObservable<CampaignChange> Changes { get; }

    /// <summary>Alerts, each once, as soon as the batch that raised it is committed (not throttled).</summary>
    IObservable<Alert> Alerts { get; }

    void Publish(CampaignChange change);

    void Publish(Alert alert);
}
