using System.Text.Json;
using System.Threading.RateLimiting;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web;
using CreatorStream.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreatorStream.Host.Collect;

/// <summary>
/// The collector role (docs/design.md, "Collector"): HTTP endpoints that take a brand's site events, a 1×1 pixel, the
/// site snippet and a store's order webhooks, validate them as the pipeline does and write them to the ingest topics.
/// Its own host, so its keys, limits and CORS never mix with the dashboard's; <c>collect</c> runs it alone and
/// <c>run --site-keys</c> beside the demo.
/// </summary>
public static class CollectorApp
{
    public const string Prefix = "/collect/v1";
    public const string WriteKeyHeader = "X-Write-Key";

    // A transparent 1×1 GIF (42 bytes).
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>
    /// The collector's producer: the pipeline's settings (docs/design.md, "Environment") with a 5 ms linger instead of
    /// 20, since every request waits for its events' acknowledgement (p99 14 ms against 35 ms; docs/benchmarks.md).
    /// </summary>
    public static ProducerConfig ProducerConfig(KafkaClientSettings kafka)
    {
        var config = kafka.Producer("creatorstream-collect");
        config.LingerMs = 5;

        // A request waits for its acknowledgement: with Kafka unreachable it gets a 503 after 10 s, not after the
        // client's default of five minutes (the page retries with the same ids).
        config.MessageTimeoutMs = 10_000;
        return config;
    }

    /// <summary>Builds and starts the collector on <paramref name="producer"/>; the caller owns the producer.</summary>
    public static async Task<WebApplication> StartAsync(
        CollectOptions options,
        SiteKeys keys,
        CampaignCatalog catalog,
        DecoderLimits limits,
        TimeSpan maxFutureSkew,
        IProducer<byte[], byte[]> producer,
        string? webRoot,
        CancellationToken cancellationToken,
        Action<WebApplicationBuilder>? configure = null)
    {
        options.Validate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // query strings carry write keys
        configure?.Invoke(builder);
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.TryAddSingleton(TimeProvider.System); // a test's own clock, registered by configure, wins
        services.AddSingleton(new SiteEvents(catalog, new EventDecoder(limits) { KeepsIdentifierText = true }, maxFutureSkew)); // it writes them again
        services.AddSingleton(new OrderWebhooks(new EventDecoder(limits)));
        services.AddSingleton(new IngestWriter(producer));
        services.AddSingleton(provider => new AcceptedIds(options.AcceptedIdsCapacity, options.AcceptedIdsHorizon, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new OpenSessions(options.SessionIdle, options.MaxOpenSessions, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CollectInstruments>();
        services.AddSingleton<Collector>();
        services.AddHostedService<VisitCloser>();
        services.AddOperations();
        services.AddOpenApi(ApiDocument.Configure);
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. keys.AllOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", WriteKeyHeader)));
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => CallerOf(context, keys) is { Length: > 0 } caller
                ? RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = false,
                })
                : RateLimitPartition.GetNoLimiter(""));
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = Web.Security.RateLimitRejection.RetryAfterSeconds(rejected.Lease);
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiError.Result(StatusCodes.Status429TooManyRequests, $"too many requests with this key: try again in {seconds} s (--collect-rate-limit, --collect-rate-burst)").ExecuteAsync(rejected.HttpContext);
            };
        });

        var app = builder.Build();
        try
        {
            app.MapOperations();
            app.UseCors();
            app.UseRateLimiter();
            app.MapCollector(webRoot);
            app.MapOpenApi(ApiDocument.Path);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static WebApplication MapCollector(this WebApplication app, string? webRoot)
    {
        var options = app.Services.GetRequiredService<CollectOptions>();
        var keys = app.Services.GetRequiredService<SiteKeys>();
        app.MapPost(Prefix + "/events", async (HttpContext context, Collector collector, CollectInstruments instruments) =>
        {
            if (Site(context, keys) is not { } site)
            {
                return NoSite(context);
            }

            if (OriginRefusal(context, site) is { } refusal)
            {
                return refusal;
            }

            var body = await ReadBodyAsync(context, options.MaxBodyBytes);
            if (body.Error is { } tooLarge)
            {
                return tooLarge;
            }

            JsonElement root;
            try
            {
                root = JsonDocument.Parse(body.Bytes).RootElement;
            }
            catch (JsonException e)
            {
                instruments.Refusal("INVALID_JSON");
                return ApiError.Result(StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}");
            }

            var items = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array ? events
                : (JsonElement?)null;
            if (items is not { } list)
            {
                instruments.Refusal("SCHEMA_VIOLATION");
                return ApiError.Result(StatusCodes.Status400BadRequest, "the body must be {\"events\":[…]} or an array of events");
            }

            var count = list.GetArrayLength();
            if (count > options.MaxEventsPerRequest)
            {
                return ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"{count} events in one request; at most {options.MaxEventsPerRequest} (--collect-max-events)");
            }

            return await collector.AcceptAsync(site, [.. list.EnumerateArray()]);
        });

        app.MapGet(Prefix + "/p.gif", async (HttpContext context, Collector collector) =>
        {
            if (Site(context, keys) is not { } site)
            {
                return NoSite(context);
            }

            if (OriginRefusal(context, site) is { } refusal)
            {
                return refusal;
            }

            if (!SiteEvents.PixelTypes.Contains(context.Request.Query["t"].ToString()))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, $"the pixel reports {string.Join(" or ", SiteEvents.PixelTypes)} (t=…); conversions go by POST {Prefix}/events");
            }

            var item = SiteEvents.FromQuery(context.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
            var result = await collector.AcceptAsync(site, [item]);
            context.Response.Headers.CacheControl = "no-store";
            return result is IStatusCodeHttpResult { StatusCode: null or 200 } ? Results.Bytes(Pixel, "image/gif") : result;
        });

        app.MapPost(Prefix + "/webhooks/{storeId}", async (string storeId, HttpContext context, Collector collector, CollectInstruments instruments) =>
        {
            if (keys.Store(storeId) is not { } store)
            {
                return ApiError.Result(StatusCodes.Status404NotFound, $"no store '{storeId}' is configured (--site-keys: stores)");
            }

            var body = await ReadBodyAsync(context, options.MaxBodyBytes);
            if (body.Error is { } tooLarge)
            {
                return tooLarge;
            }

            if (!OrderWebhooks.Verify(store, body.Bytes, context.Request.Headers[OrderWebhooks.SignatureHeader]))
            {
                instruments.Webhook("bad_signature");
                return ApiError.Result(StatusCodes.Status401Unauthorized, $"the {OrderWebhooks.SignatureHeader} header is not the body's HMAC-SHA256 under store '{storeId}''s secret");
            }

            return await collector.WebhookAsync(store, context.Request.Headers[OrderWebhooks.TopicHeader].FirstOrDefault(), body.Bytes);
        });

        var snippet = webRoot is null ? null : Path.Combine(webRoot, "collect", "cs.js");
        app.MapGet(Prefix + "/cs.js", (HttpContext context) =>
        {
            if (snippet is null || !File.Exists(snippet))
            {
                return ApiError.Result(StatusCodes.Status404NotFound, "the site snippet is not built (npm run build in dashboard/)");
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(snippet, "text/javascript; charset=utf-8");
        });
        return app;
    }

    private static SiteKey? Site(HttpContext context, SiteKeys keys) =>
        keys.Find(context.Request.Headers[WriteKeyHeader].FirstOrDefault() ?? context.Request.Query["k"].FirstOrDefault());

    private static IResult NoSite(HttpContext context) =>
        ApiError.Result(StatusCodes.Status401Unauthorized, context.Request.Headers.ContainsKey(WriteKeyHeader) || context.Request.Query.ContainsKey("k")
            ? "the write key is not a site's write key"
            : $"a site's write key is required ({WriteKeyHeader} header, or ?k= for beacons and the pixel)");

    // A browser names the page's origin; a key is good only on its own site's pages. Servers send no Origin.
    private static IResult? OriginRefusal(HttpContext context, SiteKey site) =>
        context.Request.Headers.Origin.FirstOrDefault() is { Length: > 0 } origin && !(SiteKeys.Origin(origin) is { } normal && site.Origins.Contains(normal))
            ? ApiError.Result(StatusCodes.Status403Forbidden, $"origin '{origin}' is not one of site '{site.SiteId}''s origins")
            : null;

    /// <summary>
    /// Whose bucket a request takes a token from: per site and client address (a site's visitors share its key, and one
    /// client holding it must not spend everyone's budget), and per address for webhooks (their store id is in the URL,
    /// so a bucket per store would let anyone spend a store's budget before its signature is even checked).
    /// </summary>
    private static string CallerOf(HttpContext context, SiteKeys keys)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix) || context.Request.Path.StartsWithSegments(Prefix + "/cs.js"))
        {
            return "";
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        return context.Request.Path.StartsWithSegments(Prefix + "/webhooks") ? "webhook:" + address
            : Site(context, keys) is { } site ? $"site:{site.SiteId}:{address}"
            : "address:" + address;
    }

    private static async Task<(byte[] Bytes, IResult? Error)> ReadBodyAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return ([], ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes} bytes (--collect-max-body)"));
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes} bytes (--collect-max-body)"));
        }

        return (buffer.ToArray(), null);
    }
}
