namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Tells readers (the web role) which campaigns changed after each committed batch: in process for <c>run</c>,
/// Redis pub/sub across processes. Thread-safe.
/// </summary>
public interface ICampaignChangeFeed
{
    IObservable<CampaignChange> Changes { get; }

    void Publish(CampaignChange change);
}
