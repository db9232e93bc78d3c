using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Web.Security;

/// <summary>
/// The web role's guards (README "Security"): request and hub message size limits, the origin check and CORS, and
/// per-caller rate limits. Keys and their checks are <see cref="ApiKeyRing"/>'s and <see cref="CampaignAccess"/>'s.
/// </summary>
public static class WebSecurity
{
    /// <summary>Validates <paramref name="options"/> (a bad value stops start-up) and registers the guards.</summary>
    public static WebApplicationBuilder AddCampaignSecurity(this WebApplicationBuilder builder, WebOptions options)
    {
        options.Validate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersBytes;
        });

        // ASP.NET Core logs every request line, query string included, at Information; the hub's access_token (an
        // API key: WebSockets cannot send headers) and the dashboard's ?key= travel in query strings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new OriginGate(options.AllowedOrigins));
        services.AddSingleton<CallerRateLimiter>();
        services.AddSingleton<HubRateLimitFilter>();
        services.Configure<HubOptions>(hub =>
        {
            hub.MaximumReceiveMessageSize = options.MaxHubMessageBytes;
            hub.AddFilter<HubRateLimitFilter>();
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CallerRateLimiter>((limits, callers) =>
        {
            limits.GlobalLimiter = callers.Requests;
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = RateLimitRejection.WriteAsync;
        });
        if (options.AllowedOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. options.AllowedOrigins.Select(AllowedOrigin.Parse)])
                .WithMethods("GET", "POST")
                .WithHeaders(ApiKeys.Header, "Authorization", "Content-Type", "X-Requested-With", "X-SignalR-User-Agent")
                .WithExposedHeaders("Content-Disposition", "Retry-After")
                // The SignalR browser client sends credentials by default and fails without this. No cookie carries
                // authority here (keys travel in headers), so credentials give a listed origin nothing extra.
                .AllowCredentials()));
        }

        return builder;
    }

    /// <summary>Puts the guards first in the pipeline, before static files, the hub and the API.</summary>
    public static WebApplication UseCampaignSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<WebOptions>();
        var origins = app.Services.GetRequiredService<OriginGate>();
        app.Use(async (context, next) =>
        {
            // Kestrel checks the body limit only when a body is read, and no API route reads one: refuse it up front.
            if (context.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                await ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {options.MaxRequestBodyBytes} bytes (--max-request-body)").ExecuteAsync(context);
                return;
            }

            if (IsGuarded(context.Request.Path) && origins.Refusal(context.Request) is { } refusal)
            {
                await ApiError.Result(StatusCodes.Status403Forbidden, refusal).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        if (options.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }

        app.UseRateLimiter();
        return app;
    }

    private static bool IsGuarded(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments(WebApp.HubPath);
}
