using System.Text.Json.Nodes;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Tests.Collect;
using CreatorStream.Host.Web;
using CreatorStream.Kafka.Native;
using CreatorStream.Testing;
using Microsoft.AspNetCore.Routing;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The OpenAPI documents (issue 24): every HTTP route each role maps, with each of its methods, is in the document it
/// serves. Only the SignalR hub (a WebSocket protocol, not REST) and the document's own route are left out.
/// </summary>
public sealed class ApiDocumentTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task WebRole_EveryRoute_IsInItsDocument()
    {
        await AssertEveryRouteDocumentedAsync(web.App, web.BaseUrl, mustHave: "/api/campaigns/{id}/summary");
    }

    [Fact]
    public async Task Collector_EveryRoute_IsInItsDocument()
    {
        var urls = $"http://127.0.0.1:{FreePort.Next()}";
        KafkaNative.EnsureLoaded();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = "127.0.0.1:1" }).Build();
        await using var app = await CollectorApp.StartAsync(new CollectOptions { Urls = urls }, CollectTestKeys.Keys, TestCampaigns.Spring(), DecoderLimits.Default, TimeSpan.FromMinutes(15), producer, null, CancellationToken.None, b => b.Logging.ClearProviders());

        await AssertEveryRouteDocumentedAsync(app, urls, mustHave: "/collect/v1/webhooks/{storeId}");
    }

    private static async Task AssertEveryRouteDocumentedAsync(WebApplication app, string baseUrl, string mustHave)
    {
        using var http = new HttpClient();
        var document = JsonNode.Parse(await http.GetStringAsync(baseUrl + "/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && !path.StartsWith(WebApp.HubPath, StringComparison.Ordinal) && path != ApiDocument.Path)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Method: method.ToLowerInvariant())))
            .ToList();

        Assert.Contains(routes, r => r.Path == mustHave); // the enumeration sees the routes at all
        var missing = routes.Where(r => paths[r.Path]?[r.Method] is null).ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing.Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}")));
    }
}
