using CreatorStream.Host.Composition;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Operations;

/// <summary>
/// A small listener for the <c>worker</c> verb, which has no web server of its own: only <c>/metrics</c>,
/// <c>/health/live</c> and <c>/health/ready</c>, on <c>--ops-urls</c> (loopback by default).
/// </summary>
public static class OperationsServer
{
    public static async Task<WebApplication> StartAsync(string urls, IEnumerable<ReadinessProbe> probes, LogFormat logFormat, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddCreatorStreamConsole(logFormat);
        builder.Services.AddOperations();
        foreach (var probe in probes)
        {
            builder.Services.AddSingleton(probe);
        }

        return await WebApp.BuildAndStartAsync(builder, app => app.MapOperations(), cancellationToken);
    }
}
