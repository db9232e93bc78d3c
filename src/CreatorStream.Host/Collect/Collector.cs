using System.Text.Json;
using Confluent.Kafka;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// What the collector does with a request once its key is known (docs/design.md, "Collector"): every item is read
/// first and one bad item refuses the whole batch (400, each bad item with its reason), so a batch is never half
/// written; visits are folded in; events not already acknowledged are written, and the answer comes only when Kafka
/// has acknowledged them all (503 when it has not: the page retries with the same event ids, and what was written
/// counts once). Thread-safe.
/// </summary>
public sealed class Collector(
    SiteEvents reader,
    OrderWebhooks orders,
    IngestWriter writer,
    AcceptedIds accepted,
    OpenSessions visits,
    CollectInstruments instruments,
    TimeProvider clock)
{
    public async Task<IResult> AcceptAsync(SiteKey site, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var read = new SiteItem[items.Count];
        var refusals = new List<object>();
        for (var i = 0; i < items.Count; i++)
        {
            read[i] = reader.Read(items[i], site, now);
            if (read[i].IsRefused)
            {
                refusals.Add(new { index = i, code = read[i].Code, reason = read[i].Problem });
                instruments.Refusal(read[i].Code!);
            }
        }

        if (refusals.Count > 0)
        {
            instruments.Event("any", "refused", items.Count);
            return Results.Json(new { error = "bad_request", reason = $"{refusals.Count} of {items.Count} events refused; none was written", events = refusals }, statusCode: StatusCodes.Status400BadRequest);
        }

        var beacons = read.Where(r => r.Beacon is not null).Select(r => r.Beacon!).ToList();
        foreach (var beacon in beacons)
        {
            if (!visits.Touch(beacon))
            {
                return Unavailable($"this collector holds as many open visits as it may ({visits.Count:N0}); retry later");
            }
        }

        var fresh = new List<StreamEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in read.Select(r => r.Event).OfType<StreamEvent>())
        {
            if (seen.Add(value.EventId) && !accepted.Contains(site.BrandId, value.EventId))
            {
                fresh.Add(value);
            }
        }

        var duplicates = read.Count(r => r.Event is not null) - fresh.Count;
        if (await WriteAsync(site.BrandId, fresh, cancellationToken) is { } failure)
        {
            return failure;
        }

        foreach (var group in fresh.GroupBy(e => WireNames.Of(e.Type)))
        {
            instruments.Event(group.Key, "accepted", group.Count());
        }

        if (beacons.Count > 0)
        {
            instruments.Event("page", "accepted", beacons.Count);
        }

        if (duplicates > 0)
        {
            instruments.Event("any", "duplicate", duplicates);
        }

        return Results.Json(new { accepted = fresh.Count, duplicates, visits = beacons.Count });
    }

    /// <summary>A verified webhook: its order or refund written once, whatever the number of deliveries.</summary>
    public async Task<IResult> WebhookAsync(StoreSecret store, string? topic, byte[] body, CancellationToken cancellationToken)
    {
        var result = orders.Read(store, topic, body);
        if (result.Code is { } code)
        {
            instruments.Webhook("refused");
            instruments.Refusal(code);
            return Results.Json(new { error = "bad_request", code, reason = result.Problem }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (result.Event is not { } conversion)
        {
            instruments.Webhook("ignored");
            return Results.Json(new { accepted = 0, ignored = result.Ignored });
        }

        if (accepted.Contains(store.BrandId, conversion.EventId))
        {
            instruments.Webhook("duplicate");
            return Results.Json(new { accepted = 0, duplicates = 1, event_id = conversion.EventId });
        }

        if (await WriteAsync(store.BrandId, [conversion], cancellationToken) is { } failure)
        {
            return failure;
        }

        instruments.Webhook("accepted");
        return Results.Json(new { accepted = 1, duplicates = 0, event_id = conversion.EventId });
    }

    /// <summary>Ends idle visits (every visit with <paramref name="all"/>) and writes them; visits not written are kept for the next round.</summary>
    public async Task<int> CloseVisitsAsync(bool all, CancellationToken cancellationToken)
    {
        var ended = visits.Close(all);
        if (ended.Count == 0)
        {
            return 0;
        }

        foreach (var brand in ended.GroupBy(s => s.BrandId))
        {
            var sessions = brand.Where(s => !accepted.Contains(brand.Key, s.EventId)).ToList<StreamEvent>();
            if (await WriteAsync(brand.Key, sessions, cancellationToken) is not null)
            {
                visits.Restore(brand);
                continue;
            }

            instruments.Sessions.Add(sessions.Count);
        }

        return ended.Count;
    }

    private async Task<IResult?> WriteAsync(string brandId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return null;
        }

        try
        {
            await writer.WriteAsync(events, cancellationToken);
        }
        catch (ProduceException<byte[], byte[]> e)
        {
            return Unavailable($"Kafka did not acknowledge the events ({e.Error.Reason}); retry with the same event ids");
        }
        catch (KafkaException e)
        {
            return Unavailable($"Kafka is unavailable ({e.Error.Reason}); retry with the same event ids");
        }

        accepted.Add(brandId, events.Select(e => e.EventId));
        return null;
    }

    private static IResult Unavailable(string reason) =>
        Results.Json(new { error = "unavailable", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
