using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace CreatorStream.Host.Web;

/// <summary>
/// How the web role serves the dashboard's files and the API's answers (docs/design.md, "Serving"): compressed (Brotli,
/// else gzip) when the browser accepts it, Vite's content-hashed files under <c>assets/</c> cached for a year as
/// immutable (a new build has new names), and <c>index.html</c> revalidated on every load (<c>no-cache</c>), so a new
/// build is picked up at once.
/// </summary>
public static class DashboardServing
{
    /// <summary>A year, the longest lifetime caches honour.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public const string RevalidateCacheControl = "no-cache";

    public static IServiceCollection AddDashboardServing(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Over HTTPS too: no answer mixes a secret with what a caller chose (BREACH needs both), keys travel only
            // in request headers, and the one answer carrying a secret (a hub token, <see cref="TokenPath"/>) is left uncompressed.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml", "text/csv"];
        });

        // Fastest: live answers are small and asked for often; the level changes the size little and the time much.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The answer that carries a secret (a hub token): never compressed.</summary>
    public const string TokenPath = "/api/hub-token";

    /// <summary>
    /// Serves the dashboard's files, or, when the web root holds no built dashboard (a build with
    /// <c>-p:BuildDashboard=false</c>, or a machine without Node.js), a page at <c>/</c> naming the command that builds
    /// it, instead of a bare 404.
    /// </summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            app.MapGet("/", () => Results.Content(DashboardMissingPage.Html, "text/html; charset=utf-8"));
        }

        app.UseWhen(context => !context.Request.Path.StartsWithSegments(TokenPath), branch => branch.UseResponseCompression());
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var path = context.Context.Request.Path;
                context.Context.Response.Headers[HeaderNames.CacheControl] = path.StartsWithSegments("/assets") ? ImmutableCacheControl : RevalidateCacheControl;
            },
        });
        return app;
    }
}
