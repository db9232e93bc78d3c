using System.Text.Json;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// What the collector does with a request once its key is known (docs/design.md, "Collector"): every item is read
/// first and one bad item refuses the whole batch (400, each bad item with its reason), so nothing of a bad batch is
/// written; visits are folded in (a beacon that cannot be held is counted and skipped, never a reason to lose the
/// batch's clicks); events not already acknowledged are written, and the answer comes only when Kafka has acknowledged
/// them all. When it has not (503), the events it did acknowledge are remembered, and the page's retry with the same
/// ids writes only the rest. Writes run to Kafka's own timeout whatever the client does, so what is written is always
/// remembered. Thread-safe.
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
    /// <summary>Visits open, or ended and kept because they could not be written yet.</summary>
    public int OpenVisits => visits.Count;

    public async Task<IResult> AcceptAsync(SiteKey site, IReadOnlyList<JsonElement> items)
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
        if (await WriteAsync(site.BrandId, fresh, CancellationToken.None) is { } failure)
        {
            return failure;
        }

        // Beacons after the events: a batch answered 503 is retried whole, and its beacons with it.
        var held = 0;
        foreach (var beacon in read.Select(r => r.Beacon).OfType<SiteSession>())
        {
            var touch = visits.Touch(beacon);
            held += touch == VisitTouch.Held ? 1 : 0;
            instruments.Event("page", touch switch { VisitTouch.Held => "accepted", VisitTouch.Full => "not_held_full", _ => "after_end" });
        }

        foreach (var group in fresh.GroupBy(e => WireNames.Of(e.Type)))
        {
            instruments.Event(group.Key, "accepted", group.Count());
        }

        if (duplicates > 0)
        {
            instruments.Event("any", "duplicate", duplicates);
        }

        var beacons = read.Count(r => r.Beacon is not null);
        return Results.Json(new { accepted = fresh.Count, duplicates, visits = held, visits_not_held = beacons - held });
    }

    /// <summary>A verified webhook: its order or refund written once, whatever the number of deliveries.</summary>
    public async Task<IResult> WebhookAsync(StoreSecret store, string? topic, byte[] body)
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

        if (await WriteAsync(store.BrandId, [conversion], CancellationToken.None) is { } failure)
        {
            return failure;
        }

        instruments.Webhook("accepted");
        return Results.Json(new { accepted = 1, duplicates = 0, event_id = conversion.EventId });
    }

    /// <summary>
    /// Ends idle visits (every visit with <paramref name="all"/>) and writes them; returns how many were written. Visits
    /// not written are kept for the next round: Kafka failed, the stop cancelled the round (the brands not yet written are
    /// not sent), or a write threw, which is thrown on after the other brands' visits have been written, so one brand's
    /// failure holds back no other's. A stop's final round writes what earlier rounds kept.
    /// </summary>
    public async Task<int> CloseVisitsAsync(bool all, CancellationToken cancellationToken)
    {
        var ended = visits.Close(all);
        var written = 0;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? thrown = null;
        foreach (var brand in ended.GroupBy(s => s.BrandId))
        {
            var sessions = brand.Where(s => !accepted.Contains(brand.Key, s.EventId)).ToList<StreamEvent>();
            IResult? failure;
            try
            {
                // Confluent.Kafka queues a message even for a cancelled token: a stopped round sends nothing more.
                failure = cancellationToken.IsCancellationRequested ? Unavailable("stopping") : await WriteAsync(brand.Key, sessions, cancellationToken);
            }
            catch (Exception e)
            {
                thrown ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                failure = Unavailable(e.Message);
            }

            if (failure is not null)
            {
                var kept = brand.Where(s => !accepted.Contains(brand.Key, s.EventId)).ToList();
                visits.Restore(kept);
                written += sessions.Count - kept.Count;
                continue;
            }

            instruments.Sessions.Add(sessions.Count);
            written += sessions.Count;
        }

        thrown?.Throw();
        return written;
    }

    private async Task<IResult?> WriteAsync(string brandId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return null;
        }

        var (written, error) = await writer.WriteAsync(events, cancellationToken);
        accepted.Add(brandId, written.Select(e => e.EventId));
        return error is null
            ? null
            : Unavailable($"Kafka acknowledged {written.Count} of {events.Count} events ({error}); retry the same events with the same ids: those written count once");
    }

    private static IResult Unavailable(string reason) =>
        Results.Json(new { error = "unavailable", reason }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
