using System.Reactive.Concurrency;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Web.Security;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Host.Web;

/// <summary>Composes the web role: REST, the SignalR hub with its broadcaster, and the dashboard's static files.</summary>
public static class WebApp
{
    public const string HubPath = "/hubs/campaigns";

    public static WebApplicationBuilder CreateBuilder(WebOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Directory.Exists(options.WebRoot) ? options.WebRoot : null,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        return builder.AddCampaignSecurity(options);
    }

    /// <summary>
    /// Builds, maps and starts the web role over the given state (the <c>web</c> verb, and tests' web hosts);
    /// <paramref name="configure"/> adjusts the builder first (tests silence its logging).
    /// </summary>
    public static async Task<WebApplication> StartAsync(
        WebOptions options,
        IStateStore store,
        CampaignCatalog catalog,
        ApiKeyRing keys,
        ICampaignChangeFeed changes,
        CancellationToken cancellationToken,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(options);
        configure?.Invoke(builder);
        builder.Services.AddCampaignWeb(store, catalog, keys, changes);
        return await BuildAndStartAsync(builder, app => app.MapCampaignWeb(), cancellationToken);
    }

    /// <summary>Builds the app, maps its endpoints and starts it; an app that fails to start is disposed, not leaked.</summary>
    public static async Task<WebApplication> BuildAndStartAsync(WebApplicationBuilder builder, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers what the web role reads: the store, the catalog, the keys and the change feed.</summary>
    public static IServiceCollection AddCampaignWeb(this IServiceCollection services, IStateStore store, CampaignCatalog catalog, ApiKeyRing keys, ICampaignChangeFeed changes)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddSingleton(store);
        services.AddSingleton(catalog);
        services.AddSingleton(keys);
        services.AddSingleton(changes);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IScheduler>(DefaultScheduler.Instance);
        services.AddSingleton(provider => Tokens.HubTokenSecret.Load(provider.GetRequiredService<WebOptions>().HubTokenSecretFile));
        services.AddSingleton<Tokens.HubTokens>();
        services.AddSingleton<CampaignAccess>();
        services.AddSingleton<Processing.State.LiveStates>();
        services.AddSingleton<Live.LiveViews>();
        services.AddSingleton<ViewerRegistry>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<CampaignTables>();
        services.AddSingleton<JudgedAlerts>();
        services.AddHostedService<HubBroadcaster>();
        services.AddHostedService<SummaryOutboxService>();
        services.AddOperations();
        services.AddOpenApi(ApiDocument.Configure);
        services.AddDashboardServing();
        return services;
    }

    public static WebApplication MapCampaignWeb(this WebApplication app)
    {
        app.UseCampaignSecurity();
        app.MapOperations();
        app.UseDashboardFiles();
        app.UseHubKeyGate(HubPath);
        app.MapHub<CampaignsHub>(HubPath);
        app.MapCampaignApi();
        app.MapRosterApi();
        app.MapTableApi();
        app.MapOpenApi(ApiDocument.Path);
        return app;
    }
}
