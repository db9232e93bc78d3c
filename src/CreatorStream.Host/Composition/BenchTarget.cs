using CreatorStream.Bench;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Composition;

/// <summary>
/// What <c>creatorstream bench</c> measures live (<see cref="LiveBench"/>): this executable's web role on a free
/// loopback port and its worker pipeline, wired to the bench's broker, store and change feed. Not thread-safe: the
/// bench starts, watches and stops it from one flow.
/// </summary>
public sealed class BenchTarget : ILiveTarget
{
    private readonly WebApplication _app;
    private readonly WorkerPipeline _pipeline;
    private readonly CancellationTokenSource _stopPipeline = new();

    private BenchTarget(WebApplication app, WorkerPipeline pipeline)
    {
        _app = app;
        _pipeline = pipeline;
        HubUri = new Uri(app.Urls.First().TrimEnd('/') + WebApp.HubPath);
        Running = Task.Run(() => pipeline.RunAsync(_stopPipeline.Token), CancellationToken.None);
    }

    public Uri HubUri { get; }

    // A first commit alone is not proof of the join: the idle tick commits an empty batch before the group has assigned
    // anything. Lag is kept per assigned partition, so a non-empty lag means partitions are assigned.
    public bool Joined => _pipeline.CommittedBatches > 0 && _pipeline.Lag.Current.Count > 0;

    public bool Assigned => _pipeline.Lag.Current.Count > 0;

    public Task Running { get; }

    /// <summary>Starts the web role, then the pipeline (a <see cref="LiveTargetStarter"/>).</summary>
    public static async Task<ILiveTarget> StartAsync(LiveTargetInputs inputs, ILoggerFactory loggers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var builder = WebApp.CreateBuilder(new WebOptions { Urls = "http://127.0.0.1:0", HubUpdateInterval = inputs.HubUpdateInterval });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error); // no dashboard files needed
        builder.Services.AddCampaignWeb(inputs.Store, inputs.Catalog, ApiKeyRing.ForAllCampaigns(inputs.ApiKey), inputs.Changes);
        var app = builder.Build();
        app.MapCampaignWeb();
        await app.StartAsync(cancellationToken);

        var pipeline = new WorkerPipeline(inputs.Kafka, inputs.Catalog, inputs.Processor, inputs.Store, inputs.Changes, clock, loggers)
        {
            GroupPrefix = inputs.GroupPrefix,
        };
        return new BenchTarget(app, pipeline);
    }

    public async Task StopAsync()
    {
        await _stopPipeline.CancelAsync();
        await Running.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await _app.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopPipeline.IsCancellationRequested)
        {
            await _stopPipeline.CancelAsync();
            await Task.WhenAny(Running, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        }

        await _app.DisposeAsync();
        _stopPipeline.Dispose();
    }
}
