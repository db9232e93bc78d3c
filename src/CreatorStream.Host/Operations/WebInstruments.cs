using System.Diagnostics.Metrics;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Host.Operations;

/// <summary>
/// The web role's instruments, from the host's <see cref="IMeterFactory"/> (so each host counts its own clients and
/// requests, and its <c>/metrics</c> shows them): hub clients connected, hub messages pushed, REST requests.
/// Labels: message kind, route template and status class only (no campaign ids, no keys).
/// </summary>
public sealed class WebInstruments
{
    public WebInstruments(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(StreamMeter.Name));
        HubClients = meter.CreateUpDownCounter<long>("creatorstream_hub_clients", "{connection}", "SignalR connections open on this web host.");
        HubMessages = meter.CreateCounter<long>("creatorstream_hub_messages_total", "{message}", "Hub messages sent, by kind (snapshot to one caller; update and alert to a group, counted once per group send).");
        HttpRequests = meter.CreateCounter<long>("creatorstream_http_requests_total", "{request}", "HTTP requests answered, by route template and status class (2xx, 3xx, 4xx, 5xx).");
    }

    public UpDownCounter<long> HubClients { get; }

    public Counter<long> HubMessages { get; }

    public Counter<long> HttpRequests { get; }

    public void Pushed(string kind) => HubMessages.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
