using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Operations;

/// <summary>Counts hub connections as they open and close (a hub filter, so the hub itself stays about campaigns).</summary>
public sealed class HubMetricsFilter(WebInstruments instruments) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        instruments.HubClients.Add(1);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            instruments.HubClients.Add(-1);
        }
    }
}
