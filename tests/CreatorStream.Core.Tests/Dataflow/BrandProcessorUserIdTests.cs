using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>What keeps a user's id past the event keeps the journey's one instance, not each event's decoded copy.</summary>
public sealed class BrandProcessorUserIdTests
{
    [Fact]
    public void Arrive_EventsOfOneUserDecodedApart_TheClassifierSeesTheJourneysInstance()
    {
        var classifier = new RecordingClassifier();
        var processor = new BrandProcessor("acme", TestCampaigns.Spring(), new ProcessorOptions(), classifier);
        var result = new BatchResult(0);
        // Three copies of one id, as three decoded records would have: equal, not the same instance.
        var events = new AudienceEvent[]
        {
            Impression(new string("u1".AsSpan()), T0, id: "e1"),
            Engagement(new string("u1".AsSpan()), T0 + 1_000, id: "e2"),
            Click(new string("u1".AsSpan()), T0 + 2_000, id: "e3"),
            Impression(new string("u2".AsSpan()), T0 + 3_000, id: "e4"),
        };
        var first = events[0].UserId;
        foreach (var e in events)
        {
            processor.Arrive(e, new InboundRecord(new SourcePartition("engagements", 0), 0, e.Type, default, default), result);
        }

        processor.Flush(result);

        Assert.Equal(4, classifier.Seen.Count); // every event was shown to the classifier
        Assert.All(classifier.Seen.Take(3), id => Assert.Same(first, id));
        Assert.Equal("u2", classifier.Seen[3]);
        Assert.NotSame(first, classifier.Seen[3]);
    }

    [Fact]
    public void ShareUserId_AnotherId_KeepsTheEventsOwn()
    {
        var e = Impression("u1", T0);
        var own = e.UserId;

        e.ShareUserId("u2");

        Assert.Same(own, e.UserId);
    }

    private sealed class RecordingClassifier : IEngagementClassifier
    {
        public List<string> Seen { get; } = [];

        public AuthenticityVerdict Classify(AudienceEvent e) => AuthenticityVerdict.Clean;

        public void Observe(AudienceEvent e) => Seen.Add(e.UserId);

        public void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts)
        {
        }

        public void Expire(long watermark)
        {
        }

        public IReadOnlyList<FlaggedAccount> FlaggedAccounts(string campaignId, string? creatorId, string? contentId, int limit) => [];

        public IReadOnlyDictionary<FlagScope, IReadOnlyList<FlaggedAccount>> FlaggedAccounts(IReadOnlyCollection<FlagScope> scopes, int limit) =>
            new Dictionary<FlagScope, IReadOnlyList<FlaggedAccount>>();
    }
}
