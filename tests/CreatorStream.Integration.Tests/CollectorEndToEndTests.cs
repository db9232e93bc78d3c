using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// The collector on the embedded broker with the real Kafka client (docs/design.md, "Collector"): a site's batch, a
/// visit's beacons, a conversion, and a store's webhooks (a correct signature, a wrong one, a redelivery, a refund)
/// through the collector; then the topics' contents read back, and a worker's figures from them, each against what
/// was sent, computed by hand.
/// </summary>
public sealed class CollectorEndToEndTests
{
    private const string WriteKey = "site-write-key-end-to-end";
    private const string Origin = "https://shop.acme.test";
    private static readonly byte[] StoreSecret = Encoding.UTF8.GetBytes("store-webhook-secret-end-to-end");

    [Fact]
    public async Task SiteAndStore_ThroughTheCollector_AreInTheTopicsOnce_AndCreditedToTheirCreators()
    {
        var catalog = TestCampaigns.Spring();
        var keys = new SiteKeys(
            [new SiteKey("acme-web", SiteKeys.Hash(WriteKey), "acme", new HashSet<string> { Origin })],
            [new StoreSecret("acme-shop", "acme", StoreSecret)]);
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("collector-test")).Build();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var options = new CollectOptions { Urls = $"http://127.0.0.1:{FreePort.Next()}", SessionIdle = TimeSpan.FromSeconds(1) };
        var now = DateTimeOffset.UtcNow;
        // The collector's clock is virtual: a visit ends only when the test moves time past its idle second, however
        // slowly a loaded machine serves the beacons (on real time, a CI run once ended the visit between two of them).
        var clock = new ManualClock(now);

        await using (var app = await CollectorApp.StartAsync(options, keys, catalog, DecoderLimits.Default, TimeSpan.FromMinutes(15), producer, null, stop.Token, b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<TimeProvider>(clock);
        }))
        {
            using var http = new HttpClient { BaseAddress = new Uri(options.Urls) };

            // One bad item refuses the batch: nothing of it is written.
            var refused = await PostEventsAsync(http, """[{"type":"click","event_id":"never","user_id":"v1","link_id":"lnk-anna"},{"type":"click","user_id":"v1","link_id":"lnk-nobody"}]""");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("\"index\":1", refused.Body, StringComparison.Ordinal);

            // A landing through anna's link, and the visit it starts: three pages.
            Assert.Equal(HttpStatusCode.OK, (await PostEventsAsync(http, """{"events":[{"type":"click","event_id":"c1","user_id":"v1","link_id":"lnk-anna","utm_source":"instagram","utm_content":"post-1","ip_hash":"ip-v1","device_id":"d-v1","user_agent_hash":"ua-v1"},{"type":"page","session_id":"s1","user_id":"v1","click_event_id":"c1","link_id":"lnk-anna"}]}""")).Status);
            clock.Advance(TimeSpan.FromMilliseconds(200));
            Assert.Equal(HttpStatusCode.OK, (await PostEventsAsync(http, """[{"type":"page","session_id":"s1","user_id":"v1","click_event_id":"c1","link_id":"lnk-anna","pageviews":3}]""")).Status);
            clock.Advance(TimeSpan.FromMilliseconds(200));
            var sale = """[{"type":"conversion","user_id":"v1","order_id":"A-1","value":30,"currency":"USD","link_id":"lnk-anna"}]""";
            Assert.Contains("\"accepted\":1", (await PostEventsAsync(http, sale)).Body, StringComparison.Ordinal);
            Assert.Contains("\"duplicates\":1", (await PostEventsAsync(http, sale)).Body, StringComparison.Ordinal); // a retry

            // The store: ben's code on an order of a visitor with no touch; delivered twice; a forged one; a refund.
            var order = $$"""{"id":5001,"processed_at":"{{Iso(now.AddMinutes(-1))}}","financial_status":"paid","total_price":"80.00","currency":"USD","discount_codes":[{"code":"BEN10"}],"note_attributes":[{"name":"cs_vid","value":"v2"}]}""";
            Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(http, "orders/paid", order, StoreSecret)).Status);
            Assert.Contains("\"duplicates\":1", (await PostWebhookAsync(http, "orders/paid", order, StoreSecret)).Body, StringComparison.Ordinal);
            var forged = order.Replace("80.00", "8000.00", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(http, "orders/paid", forged, Encoding.UTF8.GetBytes("a-guessed-secret-of-some-length"))).Status);
            var refund = $$"""{"id":7001,"order_id":5001,"created_at":"{{Iso(now.AddMinutes(1))}}","transactions":[{"kind":"refund","status":"success","amount":"20.00","currency":"USD"}]}""";
            Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(http, "refunds/create", refund, StoreSecret)).Status);

            // A key from another page's origin is refused, and writes nothing.
            using var elsewhere = new HttpRequestMessage(HttpMethod.Post, CollectorApp.Prefix + "/events") { Content = new StringContent("""[{"type":"click","event_id":"x","user_id":"v9","link_id":"lnk-ben"}]""") };
            elsewhere.Headers.Add(CollectorApp.WriteKeyHeader, WriteKey);
            elsewhere.Headers.Add("Origin", "https://evil.test");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(elsewhere, stop.Token)).StatusCode);

            // The visit ends a second after its last beacon and is written as a site session.
            Assert.Empty(TopicContents.Read(kafka, Topics.Sessions, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)));
            clock.Advance(TimeSpan.FromSeconds(2));
            await Eventually.ReturnsAsync(() => Task.FromResult(TopicContents.Read(kafka, Topics.Sessions, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)).Count), n => n == 1, TimeSpan.FromSeconds(30), "the visit written as a session");
        }

        var clicks = Decoded(kafka, Topics.Clicks, EventType.Click);
        var conversions = Decoded(kafka, Topics.Conversions, EventType.Conversion).Cast<Conversion>().OrderBy(c => c.EventId, StringComparer.Ordinal).ToList();
        var session = Assert.IsType<SiteSession>(Assert.Single(Decoded(kafka, Topics.Sessions, EventType.Session)));
        var click = Assert.IsType<Click>(Assert.Single(clicks));
        Assert.Equal(("c1", "spring", "anna", Platform.Instagram, "post-1"), (click.EventId, click.CampaignId, click.CreatorId, click.Platform, click.ContentId));
        // The collector decodes what it is sent and writes it again: its identifiers too (decoding keeps only their keys).
        Assert.Equal((IdentifierKey.Of("ip-v1"), IdentifierKey.Of("d-v1"), IdentifierKey.Of("ua-v1")), (click.IpKey, click.DeviceKey, click.UserAgentKey));
        Assert.Equal(["order-5001", "order-A-1", "refund-7001"], conversions.Select(c => c.EventId));
        Assert.Equal([80m, 30m, -20m], conversions.Select(c => c.Value));
        Assert.Equal(("c1", 3, false), (session.ClickEventId, session.Pageviews, session.Bounced));

        // A worker reads what the collector wrote (and a tick that moves event time past it all).
        using (var publisher = new EventPublisher(producer))
        {
            var tick = EventBuilder.Impression("tick-user", now.ToUnixTimeMilliseconds() + 120_000 + ClosingTick.GapMs, creator: "anna", content: "post-1", id: "tick");
            publisher.Publish(tick.Type, tick.UserId, EventWriter.ToUtf8(tick, includeType: false));
            Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        }

        var store = new InMemoryStateStore();
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(3) }, store, null, TimeProvider.System, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        var report = await Eventually.ReturnsAsync(
            async () => ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, stop.Token), withAlerts: false),
            r => Figure(r, "anna", "sessions") == 1 && Figure(r, "ben", "attribution", "direct", "revenue") == 60,
            TimeSpan.FromSeconds(90),
            "the worker's figures for what the collector wrote");
        await stop.CancelAsync();
        await running;

        // anna: one click, one visit of three pages, one sale of 30 through her link (last touch and direct).
        Assert.Equal((1.0, 1.0, 3.0, 0.0), (Figure(report, "anna", "clicks"), Figure(report, "anna", "sessions"), Figure(report, "anna", "pages_per_session"), Figure(report, "anna", "bounce_rate")));
        Assert.Equal((1.0, 30.0), (Figure(report, "anna", "attribution", "last_touch", "conversions"), Figure(report, "anna", "attribution", "last_touch", "revenue")));
        Assert.Equal((1.0, 30.0), (Figure(report, "anna", "attribution", "direct", "conversions"), Figure(report, "anna", "attribution", "direct", "revenue")));

        // ben: his code's order of 80, once although delivered twice, less the refund of 20: 60, and 1 - 20/80 of a conversion.
        Assert.Equal((0.75, 60.0), (Figure(report, "ben", "attribution", "direct", "conversions"), Figure(report, "ben", "attribution", "direct", "revenue")));
        Assert.Equal(0.0, Figure(report, "ben", "clicks"));
    }

    [Fact]
    public async Task AStop_WritesTheVisitsStillOpen_CutAtTheirLastBeacon()
    {
        var keys = new SiteKeys([new SiteKey("acme-web", SiteKeys.Hash(WriteKey), "acme", new HashSet<string> { Origin })], []);
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("collector-stop-test")).Build();
        var options = new CollectOptions { Urls = $"http://127.0.0.1:{FreePort.Next()}" }; // 30 idle minutes: only the stop ends them

        await using (var app = await CollectorApp.StartAsync(options, keys, TestCampaigns.Spring(), DecoderLimits.Default, TimeSpan.FromMinutes(15), producer, null, CancellationToken.None, b => b.Logging.ClearProviders()))
        {
            using var http = new HttpClient { BaseAddress = new Uri(options.Urls) };
            Assert.Contains("\"visits\":2", (await PostEventsAsync(http, """[{"type":"page","session_id":"s1","user_id":"v1","started_at":1000,"pageviews":1},{"type":"page","session_id":"s2","user_id":"v2","started_at":2000,"pageviews":1}]""")).Body, StringComparison.Ordinal);
            Assert.Contains("\"visits\":1", (await PostEventsAsync(http, """[{"type":"page","session_id":"s1","user_id":"v1","started_at":1000,"pageviews":4}]""")).Body, StringComparison.Ordinal);
            Assert.Empty(TopicContents.Read(kafka, Topics.Sessions, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)));
            await app.StopAsync();
        }

        var sessions = Decoded(kafka, Topics.Sessions, EventType.Session).Cast<SiteSession>().OrderBy(s => s.SessionId, StringComparer.Ordinal).ToList();
        Assert.Equal(["session-s1-1000", "session-s2-2000"], sessions.Select(s => s.EventId));
        Assert.Equal([(4, false), (1, true)], sessions.Select(s => (s.Pageviews, s.Bounced)));
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static double Figure(JsonNode report, string creator, params string[] path)
    {
        var node = report["campaigns"]!["spring"]!["creators"]![creator];
        foreach (var step in path)
        {
            node = node?[step];
        }

        return node?.GetValue<double>() ?? double.NaN;
    }

    private static List<StreamEvent> Decoded(KafkaClientSettings kafka, string topic, EventType type) =>
        [.. TopicContents.Read(kafka, topic, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)).Select(r => new EventDecoder().Decode(r.Message.Value, type).Event!)];

    private static async Task<(HttpStatusCode Status, string Body)> PostEventsAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CollectorApp.Prefix + "/events") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add(CollectorApp.WriteKeyHeader, WriteKey);
        request.Headers.Add("Origin", Origin);
        using var answer = await http.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostWebhookAsync(HttpClient http, string topic, string body, byte[] secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, CollectorApp.Prefix + "/webhooks/acme-shop") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(OrderWebhooks.TopicHeader, topic);
        request.Headers.Add(OrderWebhooks.SignatureHeader, OrderWebhooks.Sign(secret, bytes));
        using var answer = await http.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }
}
