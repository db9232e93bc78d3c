using System.Diagnostics.Metrics;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Host.Collect;
using CreatorStream.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outcome = CreatorStream.Host.Tests.Collect.ScriptedProducer.Outcome;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>
/// What the collector remembers of its writes when some fail or a stop cancels them (docs/design.md, "Collector"): what
/// Kafka acknowledged is remembered and never written again, and no ended visit is lost. The producer is scripted.
/// </summary>
public sealed class CollectorWritesTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    [Fact]
    public async Task Write_SomeRefused_ReportsTheAcknowledgedAndTheReason()
    {
        var (producer, _) = ScriptedProducer.Create((_, m) => ScriptedProducer.UserOf(m) == "u2" ? Outcome.Refused : Outcome.Acknowledged);

        var (written, error) = await new IngestWriter(producer).WriteAsync([Visit("a", "u1"), Visit("a", "u2"), Visit("a", "u3")], default);

        Assert.Equal(["u1", "u3"], written.Select(e => e.UserId));
        Assert.Equal("Local: Queue full", error);
    }

    [Fact]
    public async Task Write_CancelledWhileWaiting_StillReportsWhatWasAcknowledged()
    {
        var (producer, _) = ScriptedProducer.Create((_, m) => ScriptedProducer.UserOf(m) == "u2" ? Outcome.Waiting : Outcome.Acknowledged);
        using var stop = new CancellationTokenSource();

        var writing = new IngestWriter(producer).WriteAsync([Visit("a", "u1"), Visit("a", "u2")], stop.Token);
        stop.Cancel();
        var (written, error) = await writing;

        Assert.Equal("u1", Assert.Single(written).UserId);
        Assert.Contains("cancelled", error);
    }

    [Fact]
    public async Task CloseVisits_StopCancelsAWrite_TheAcknowledgedAreNotWrittenAgain_TheRestAre()
    {
        var waiting = true;
        var (producer, script) = ScriptedProducer.Create((_, m) => waiting && ScriptedProducer.UserOf(m) == "u2" ? Outcome.Waiting : Outcome.Acknowledged);
        var (collector, visits) = Collector(producer);
        visits.Touch(Visit("acme", "u1"));
        visits.Touch(Visit("acme", "u2"));
        using var stop = new CancellationTokenSource();

        var closing = collector.CloseVisitsAsync(all: true, stop.Token);
        stop.Cancel();
        Assert.Equal(1, await closing); // u1's
        Assert.Equal(1, visits.Count); // u2's, put back

        waiting = false;
        Assert.Equal(1, await collector.CloseVisitsAsync(all: true, default));
        Assert.Equal(["u1", "u2"], script.Acknowledged.Order()); // each once
        Assert.Equal(0, visits.Count);
    }

    [Fact]
    public async Task CloseVisits_RoundAlreadyStopped_SendsNothing_AndKeepsEveryVisit()
    {
        var (producer, script) = ScriptedProducer.Create((_, _) => Outcome.Acknowledged);
        var (collector, visits) = Collector(producer);
        Touch(visits);

        Assert.Equal(0, await collector.CloseVisitsAsync(all: true, new CancellationToken(canceled: true)));
        Assert.Empty(script.Acknowledged); // Confluent.Kafka would have queued them despite the token
        Assert.Equal(4, visits.Count);
    }

    [Fact]
    public async Task CloseVisits_AWriteFailsOtherThanKafkaDoes_ItsVisitsArePutBack_AndLaterBrandsAreWritten()
    {
        var broken = true;
        var (producer, script) = ScriptedProducer.Create((_, m) => broken && ScriptedProducer.UserOf(m).StartsWith('b') ? Outcome.Failed : Outcome.Acknowledged);
        var (collector, visits) = Collector(producer);
        Touch(visits);

        Assert.Equal(2, await collector.CloseVisitsAsync(all: true, default));
        Assert.Equal(["a1", "c1"], script.Acknowledged.Order());
        Assert.Equal(2, visits.Count);

        broken = false;
        Assert.Equal(2, await collector.CloseVisitsAsync(all: true, default));
        Assert.Equal(["a1", "b1", "b2", "c1"], script.Acknowledged.Order());
    }

    [Fact]
    public async Task CloseVisits_AWriteThrows_ItsVisitsArePutBack_TheOtherBrandsAreWritten_AndTheErrorIsThrownOn()
    {
        var broken = true;
        var (producer, script) = ScriptedProducer.Create((_, m) => broken && ScriptedProducer.UserOf(m).StartsWith('b') ? Outcome.Thrown : Outcome.Acknowledged);
        var (collector, visits) = Collector(producer);
        Touch(visits);

        await Assert.ThrowsAsync<InvalidOperationException>(() => collector.CloseVisitsAsync(all: true, default));
        Assert.Equal(["a1", "c1"], script.Acknowledged.Order()); // one brand's failure holds back no other's
        Assert.Equal(2, visits.Count);

        broken = false;
        Assert.Equal(2, await collector.CloseVisitsAsync(all: true, default));
        Assert.Equal(["a1", "b1", "b2", "c1"], script.Acknowledged.Order());
    }

    // Three brands: the writes of bolt's visits are the ones that fail.
    private static void Touch(OpenSessions visits)
    {
        visits.Touch(Visit("acme", "a1"));
        visits.Touch(Visit("bolt", "b1"));
        visits.Touch(Visit("bolt", "b2"));
        visits.Touch(Visit("crux", "c1"));
    }

    private static SiteSession Visit(string brand, string user) => new()
    {
        EventId = $"session-{brand}-{user}",
        Ts = Start.ToUnixTimeMilliseconds(),
        UserId = user,
        BrandId = brand,
        SessionId = $"s-{user}",
        StartedAt = Start.ToUnixTimeMilliseconds(),
        DurationMs = 0,
        Pageviews = 1,
        Bounced = false,
    };

    private static (Collector Collector, OpenSessions Visits) Collector(Confluent.Kafka.IProducer<byte[], byte[]> producer)
    {
        var clock = new ManualClock(Start);
        var visits = new OpenSessions(TimeSpan.FromMinutes(30), 100, clock);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var collector = new Collector(
            new SiteEvents(TestCampaigns.Spring(), new EventDecoder(DecoderLimits.Default), TimeSpan.FromMinutes(5)),
            new OrderWebhooks(new EventDecoder(DecoderLimits.Default)),
            new IngestWriter(producer),
            new AcceptedIds(1_000, TimeSpan.FromHours(24), clock),
            visits,
            new CollectInstruments(meters),
            clock);
        return (collector, visits);
    }
}
