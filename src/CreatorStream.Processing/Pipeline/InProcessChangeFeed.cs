using System.Reactive.Subjects;

namespace CreatorStream.Processing.Pipeline;

/// <summary>The change feed within one process (<c>run</c>, tests). Publishing is thread-safe (synchronized subject).</summary>
public sealed class InProcessChangeFeed : ICampaignChangeFeed, IDisposable
{
    private readonly Subject<CampaignChange> _subject = new();
    private readonly ISubject<CampaignChange> _synchronized;

    public InProcessChangeFeed() => _synchronized = Subject.Synchronize(_subject);

    public IObservable<CampaignChange> Changes => _subject;

    public void Publish(CampaignChange change) => _synchronized.OnNext(change);

    public void Dispose() => _subject.Dispose();
}
