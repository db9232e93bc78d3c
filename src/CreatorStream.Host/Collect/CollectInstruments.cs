using System.Diagnostics.Metrics;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Host.Collect;

/// <summary>
/// The collector's counts on <c>/metrics</c>: events by type and outcome (accepted, duplicate, refused), refusals by
/// reason code, webhooks by topic and outcome, visits ended. Labels carry no ids and no keys.
/// </summary>
public sealed class CollectInstruments
{
    public CollectInstruments(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(StreamMeter.Name));
        Events = meter.CreateCounter<long>("creatorstream_collect_events_total", "{event}", "Events sent by sites, by type and outcome (accepted, duplicate, refused).");
        Refused = meter.CreateCounter<long>("creatorstream_collect_refused_total", "{event}", "Events and webhooks refused with a 4xx, by reason code.");
        Webhooks = meter.CreateCounter<long>("creatorstream_collect_webhooks_total", "{webhook}", "Order webhooks, by outcome (accepted, duplicate, ignored, refused, bad_signature).");
        Sessions = meter.CreateCounter<long>("creatorstream_collect_sessions_total", "{session}", "Visits ended and published as site sessions.");
    }

    public Counter<long> Events { get; }

    public Counter<long> Refused { get; }

    public Counter<long> Webhooks { get; }

    public Counter<long> Sessions { get; }

    public void Event(string type, string outcome, long count = 1) =>
        Events.Add(count, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void Refusal(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Webhook(string outcome) => Webhooks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
