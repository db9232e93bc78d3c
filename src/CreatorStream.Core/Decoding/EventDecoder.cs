using System.Text.Json;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>
/// Decodes one JSON event (UTF-8) into its <see cref="StreamEvent"/> in a single forward pass with
/// <see cref="Utf8JsonReader"/>: no reflection, no intermediate DOM. Stateless and thread-safe.
/// Unknown fields are skipped (a tolerant reader, so producers can add fields first).
/// </summary>
public sealed class EventDecoder(DecoderLimits limits)
{
    public EventDecoder()
        : this(DecoderLimits.Default)
    {
    }

    // 65,536 ids (a few MB at most): campaigns × creators × posts × links of the live campaigns fit many times over.
    private readonly IdPool _ids = new(65_536);

    public DecoderLimits Limits { get; } = limits;

    /// <summary>
    /// Whether decoded events keep the text of ip_hash, device_id and user_agent_hash beside their keys. The pipeline's
    /// decoders do not (the keys are all it compares; docs/design.md, "Per-event cost"); the collector's do, because it
    /// writes what it decoded to the ingest topics as JSON again (<see cref="EventWriter"/>), which needs the text.
    /// </summary>
    public bool KeepsIdentifierText { get; init; }

    /// <summary>
    /// Whether decoded impressions, engagements and clicks come from pools (<see cref="AudienceEventPool{T}"/>), for the
    /// stage that last holds each to give back (<see cref="DecodedEvents.Release"/>; docs/design.md, "Per-event cost").
    /// On only where every audience event decoded reaches that stage, or is dropped: the pipeline's decoders. Ignored
    /// with <see cref="KeepsIdentifierText"/> (the collector's events are written out again, not observed).
    /// </summary>
    public bool RecyclesAudienceEvents
    {
        get => Pools is not null;
        init => Pools = value ? AudienceEventPools.Shared : null;
    }

    /// <summary>The pools decoded audience events come from (<see cref="RecyclesAudienceEvents"/>): the shared ones, or a test's own.</summary>
    internal AudienceEventPools? Pools { get; init; }

    /// <summary>The ids this decoder shares, for events read back from a snapshot (<see cref="Snapshots.AudienceEventCodec"/>).</summary>
    internal IdPool Ids => _ids;

    /// <summary>
    /// Decodes <paramref name="utf8"/>. With <paramref name="expected"/> (the topic's type) a <c>type</c>
    /// field is optional but must agree; without it (JSON Lines files) <c>type</c> is required.
    /// </summary>
    public DecodeResult Decode(ReadOnlySpan<byte> utf8, EventType? expected = null)
    {
        if (utf8.Length > Limits.MaxRecordBytes)
        {
            return DecodeResult.Fail(DeadLetterReason.Oversize, $"record is {utf8.Length} bytes; the limit is {Limits.MaxRecordBytes}");
        }

        // JSON is UTF-8 (RFC 8259), but the reader does not prove it for every string: enumerated values are compared as
        // bytes, and the fuzz test found records with bytes that are not UTF-8 counted or classed as schema violations.
        // So the whole record is checked first (vectorised: a few ns for a few hundred bytes).
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, "the record is not valid UTF-8");
        }

        var fields = new EventFields { KeepIdentifierText = KeepsIdentifierText, Pools = KeepsIdentifierText ? null : Pools };
        try
        {
            var error = ReadFields(utf8, ref fields);
            if (error is { } failure)
            {
                return failure;
            }
        }
        catch (JsonException e)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, e.Message);
        }

        if (!fields.HasType && expected is null)
        {
            return DecodeResult.Fail(DeadLetterReason.UnknownEventType, "missing field 'type'");
        }

        if (fields.HasType && expected is { } topicType && topicType != fields.Type)
        {
            return DecodeResult.Fail(DeadLetterReason.SchemaViolation, $"type '{WireNames.Of(fields.Type)}' does not match the topic's '{WireNames.Of(topicType)}'");
        }

        return EventFactory.Build(fields.HasType ? fields.Type : expected!.Value, in fields, Limits);
    }

    private DecodeResult? ReadFields(ReadOnlySpan<byte> utf8, ref EventFields fields)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Limits.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult.Fail(DeadLetterReason.SchemaViolation, "an event must be a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? FieldNames.LookupEscaped(ref reader) : FieldNames.Lookup(reader.ValueSpan);
            reader.Read();
            if (field == Field.Type && reader.TokenType == JsonTokenType.String && !WireNames.TryParse(reader.ValueSpan, out EventType _))
            {
                return DecodeResult.Fail(DeadLetterReason.UnknownEventType, EventFields.TypeMessage);
            }

            if (field == Field.Unknown)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // null is the same as absent; required fields are checked when the event is built
            }

            var error = fields.Set(field, ref reader, Limits, _ids);
            if (error is not null)
            {
                return DecodeResult.Fail(DeadLetterReason.SchemaViolation, error);
            }
        }

        if (reader.Read())
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, "unexpected content after the event object");
        }

        return null;
    }
}
