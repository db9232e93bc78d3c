using System.Net;
using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Host.Collect;
using CreatorStream.Kafka.Native;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>
/// The collector's guards, each answered before anything reaches Kafka (its producer points at no broker here): keys,
/// origins, CORS, sizes, rates, bad bodies and signatures, each a 4xx with a reason (docs/design.md, "Collector").
/// </summary>
public sealed class CollectorGuardsTests : IAsyncLifetime
{
    private readonly string _urls = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly HttpClient _http = new();
    private IProducer<byte[], byte[]>? _producer;
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        KafkaNative.EnsureLoaded();
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = "127.0.0.1:1", MessageTimeoutMs = 1_500 }).Build();
        var options = new CollectOptions { Urls = _urls, MaxBodyBytes = 2_048, MaxEventsPerRequest = 3, RateLimitPerSecond = 1, RateBurst = 6 };
        _app = await CollectorApp.StartAsync(options, CollectTestKeys.Keys, TestCampaigns.Spring(), DecoderLimits.Default, TimeSpan.FromMinutes(15), _producer, null, CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _producer?.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Guards_AnswerEachBadRequestWithItsStatusAndReason()
    {
        await ExpectAsync(await PostAsync("[]", key: null), HttpStatusCode.Unauthorized, "a site's write key is required");
        await ExpectAsync(await PostAsync("[]", key: "a dashboard key, say"), HttpStatusCode.Unauthorized, "is not a site's write key");
        await ExpectAsync(await PostAsync("[]", origin: "https://evil.test"), HttpStatusCode.Forbidden, "origin 'https://evil.test' is not one of site 'acme-web''s origins");
        await ExpectAsync(await PostAsync("{\"events\": 5}"), HttpStatusCode.BadRequest, "the body must be {\"events\":[…]} or an array of events");
        await ExpectAsync(await PostAsync("not json"), HttpStatusCode.BadRequest, "the body is not JSON");
        await ExpectAsync(await PostAsync("[{},{},{},{}]"), HttpStatusCode.RequestEntityTooLarge, "4 events in one request; at most 3");
        await ExpectAsync(await PostAsync("[\"" + new string('x', 3_000) + "\"]"), HttpStatusCode.RequestEntityTooLarge, "larger than 2048 bytes");
    }

    [Fact]
    public async Task RateLimit_BeyondTheKeysBurst_Is429WithRetryAfter_AndOtherKeysAreNotCharged()
    {
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var answer = await PostAsync("[{\"type\":\"nothing\"}]");
            refused = answer.StatusCode == HttpStatusCode.TooManyRequests ? answer : null;
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await ExpectAsync(refused, HttpStatusCode.TooManyRequests, "--collect-rate-limit");

        // Webhooks take tokens from their own bucket: the store is still heard (and refused for its signature).
        await ExpectAsync(await WebhookAsync("acme-shop", "{}", "bad"), HttpStatusCode.Unauthorized, "is not the body's HMAC-SHA256");
    }

    [Fact]
    public async Task Cors_PreflightFromTheSitesOrigin_IsAllowed_FromAnotherIsNot()
    {
        using var allowed = await PreflightAsync(CollectTestKeys.Origin);
        using var other = await PreflightAsync("https://evil.test");

        Assert.Equal(CollectTestKeys.Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains(CollectorApp.WriteKeyHeader, allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Webhooks_AnUnknownStoreIs404_ABadSignature401_AndAGoodOneOfANonsenseBody400()
    {
        await ExpectAsync(await WebhookAsync("nobody", "{}", "x"), HttpStatusCode.NotFound, "no store 'nobody' is configured");
        await ExpectAsync(await WebhookAsync("acme-shop", "{}", OrderWebhooks.Sign(CollectTestKeys.Store.Secret, Encoding.UTF8.GetBytes("{ }"))), HttpStatusCode.Unauthorized, "is not the body's HMAC-SHA256");
        var body = "[\"not an order\"]";
        await ExpectAsync(await WebhookAsync("acme-shop", body, OrderWebhooks.Sign(CollectTestKeys.Store.Secret, Encoding.UTF8.GetBytes(body))), HttpStatusCode.BadRequest, "must be a JSON object");
    }

    [Fact]
    public async Task AValidBatch_KafkaNotAcknowledging_Is503SayingWhatWasWritten()
    {
        await ExpectAsync(await PostAsync("""[{"type":"click","event_id":"c-503","user_id":"v1","link_id":"lnk-anna"}]"""), HttpStatusCode.ServiceUnavailable, "Kafka acknowledged 0 of 1 events");
    }

    [Fact]
    public async Task Pixel_TakesClicksAndBeaconsOnly_AndHoldsItsKeyToItsOrigins()
    {
        var key = Uri.EscapeDataString(CollectTestKeys.WriteKey);
        await ExpectAsync(await _http.GetAsync($"{_urls}{CollectorApp.Prefix}/p.gif?k={key}&t=conversion&order_id=1&value=9999&currency=USD&user_id=v1"), HttpStatusCode.BadRequest, "the pixel reports click or page");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, $"{_urls}{CollectorApp.Prefix}/p.gif?k={key}&t=click&user_id=v1&link_id=lnk-anna");
        elsewhere.Headers.Add("Origin", "https://evil.test");
        await ExpectAsync(await _http.SendAsync(elsewhere), HttpStatusCode.Forbidden, "is not one of site 'acme-web''s origins");
    }

    [Fact]
    public async Task Snippet_NotBuilt_Is404NamingTheBuild()
    {
        await ExpectAsync(await _http.GetAsync(_urls + CollectorApp.Prefix + "/cs.js"), HttpStatusCode.NotFound, "npm run build");
    }

    private static async Task ExpectAsync(HttpResponseMessage answer, HttpStatusCode status, string reason)
    {
        using (answer)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == status, $"expected {(int)status}, got {(int)answer.StatusCode}: {body}");
            Assert.Contains(reason, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? key = CollectTestKeys.WriteKey, string origin = CollectTestKeys.Origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _urls + CollectorApp.Prefix + "/events") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (key is not null)
        {
            request.Headers.Add(CollectorApp.WriteKeyHeader, key);
        }

        request.Headers.Add("Origin", origin);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> WebhookAsync(string store, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_urls}{CollectorApp.Prefix}/webhooks/{store}") { Content = new StringContent(body) };
        request.Headers.Add(OrderWebhooks.TopicHeader, "orders/paid");
        request.Headers.Add(OrderWebhooks.SignatureHeader, signature);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, _urls + CollectorApp.Prefix + "/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-write-key");
        return await _http.SendAsync(request);
    }
}
