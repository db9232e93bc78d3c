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

    /// <summary>
    /// Notices may have been lost (a reconnect, a notice that could not be read): a reader that keeps views from the feed
    /// must read them whole again. Never fires in process.
    /// </summary>
    IObservable<System.Reactive.Unit> Lost { get; }

    void Publish(CampaignChange change);

    void Publish(Alert alert);
}
