using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// A user's id is its key from decoding on (<c>StreamEvent.UserIdKey</c>): the events of one user, decoded apart, are one
/// user to the journeys and the classifier, whatever the id's shape, and a short id or a UUID makes no string.
/// </summary>
public sealed class BrandProcessorUserIdTests
{
    [Theory]
    [InlineData("u1", true)] // short: packed
    [InlineData("0438691b-7b1f-4219-8864-fa2f7e75b960", true)] // a UUID
    [InlineData("an account id longer than sixteen characters", false)] // kept as its string
    public void Arrive_EventsOfOneUserDecodedApart_AreOneUser(string userId, bool noString)
    {
        var classifier = new RecordingClassifier();
        var processor = new BrandProcessor("acme", TestCampaigns.Spring(), new ProcessorOptions(), classifier);
        var result = new BatchResult(0);
        var decoder = new Core.Decoding.EventDecoder();
        var events = new AudienceEvent[] { Impression(userId, T0, id: "e1"), Engagement(userId, T0 + 1_000, id: "e2"), Click(userId, T0 + 2_000, id: "e3"), Impression("u2", T0 + 3_000, id: "e4") }
            .Select(e => (AudienceEvent)decoder.Decode(Core.Decoding.EventWriter.ToUtf8(e, includeType: true)).Event!)
            .ToList();
        foreach (var e in events)
        {
            processor.Arrive(e, new InboundRecord(new SourcePartition("engagements", 0), 0, e.Type, default, default), result);
        }

        processor.Flush(result);

        Assert.Equal(4, classifier.Seen.Count); // every event was shown to the classifier
        Assert.All(classifier.Seen.Take(3), key => Assert.Equal(EventIdKey.Of(userId), key));
        Assert.Equal(EventIdKey.Of("u2"), classifier.Seen[3]);
        Assert.All(events.Take(3), e => Assert.Equal((userId, Core.Sketches.UserHash.Of(userId)), (e.UserId, e.UserKey)));
        Assert.Equal(noString, events[0].UserIdKey.TryGetBits(out _, out _));
    }

    private sealed class RecordingClassifier : IEngagementClassifier
    {
        public List<EventIdKey> Seen { get; } = [];

        public AuthenticityVerdict Classify(AudienceEvent e) => AuthenticityVerdict.Clean;

        public void Observe(AudienceEvent e) => Seen.Add(e.UserIdKey);

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
