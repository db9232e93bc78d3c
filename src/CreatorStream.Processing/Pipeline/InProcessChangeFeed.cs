using System.Reactive.Subjects;
using CreatorStream.Core.Alerts;

namespace CreatorStream.Processing.Pipeline;

/// <summary>The change feed within one process (<c>run</c>, tests). Publishing is thread-safe (synchronized subject).</summary>
public sealed class InProcessChangeFeed : ICampaignChangeFeed, IDisposable
{
    private readonly Subject<CampaignChange> _subject = new();
    private readonly Subject<Alert> _alerts = new();
    private readonly ISubject<CampaignChange> _synchronized;
    private readonly ISubject<Alert> _synchronizedAlerts;

    public InProcessChangeFeed()
    {
        _synchronized = Subject.Synchronize(_subject);
        _synchronizedAlerts = Subject.Synchronize(_alerts);
    }

    public IObservable<CampaignChange> Changes => _subject;

    public IObservable<Alert> Alerts => _alerts;

    public IObservable<System.Reactive.Unit> Lost { get; } = System.Reactive.Linq.Observable.Never<System.Reactive.Unit>();

    public void Publish(CampaignChange change) => _synchronized.OnNext(change);

    public void Publish(Alert alert) => _synchronizedAlerts.OnNext(alert);

    public void Dispose()
    {
        _subject.Dispose();
        _alerts.Dispose();
    }
}
