using CreatorStream.Core.Alerts;

namespace CreatorStream.Processing.Pipeline;

/// <summary>Where alerts go for downstream systems (<c>creatorstream.alerts</c> live). Called after the batch that raised them is committed.</summary>
public interface IAlertSink
{
    Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);
}
