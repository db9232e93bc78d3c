using System.Globalization;
using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// Garbage of the kinds real producers send, made from a recent event with a fresh id: truncated JSON, a
/// field of the wrong type, an unknown platform or kind, a missing required field, something that is not a
/// JSON object, and an event for a campaign that is not configured (which decodes, then fails validation).
/// </summary>
internal static class MalformedRecords
{
    private const int Variants = 6;

    public static GeneratedRecord From(StreamEvent template, string key, string eventId, Prng rng)
    {
        var source = template with { EventId = eventId };
        var json = Encoding.UTF8.GetString(EventWriter.ToUtf8(source, includeType: true));
        var bytes = rng.Next(Variants) switch
        {
            0 => Truncated(json, rng),
            1 => Encoding.UTF8.GetBytes(QuoteTimestamp(json, source.Ts)),
            2 => Encoding.UTF8.GetBytes(source is Conversion ? ReplaceValue(json, "kind", "gift_card") : ReplaceValue(json, "platform", "myspace")),
            3 => Encoding.UTF8.GetBytes(RemoveField(json, "user_id")),
            4 => EventWriter.ToUtf8(UnknownCampaign(source, rng), includeType: true),
            _ => NotAnObject(json, rng),
        };

        return new GeneratedRecord(template.Type, key, bytes, null, RecordKind.Malformed, null);
    }

    private static byte[] Truncated(string json, Prng rng) => Encoding.UTF8.GetBytes(json[..rng.Next(1, json.Length - 1)]);

    private static string QuoteTimestamp(string json, long ts)
    {
        var number = ts.ToString(CultureInfo.InvariantCulture);
        return json.Replace("\"ts\":" + number, "\"ts\":\"" + number + "\"", StringComparison.Ordinal);
    }

    private static string ReplaceValue(string json, string field, string value)
    {
        var start = json.IndexOf("\"" + field + "\":\"", StringComparison.Ordinal) + field.Length + 4;
        var end = json.IndexOf('"', start);
        return string.Concat(json.AsSpan(0, start), value, json.AsSpan(end));
    }

    private static string RemoveField(string json, string field)
    {
        var start = json.IndexOf(",\"" + field + "\":\"", StringComparison.Ordinal);
        var end = json.IndexOf('"', start + field.Length + 5);
        return string.Concat(json.AsSpan(0, start), json.AsSpan(end + 1));
    }

    private static StreamEvent UnknownCampaign(StreamEvent e, Prng rng)
    {
        // A campaign that ended and was removed from the configuration while a producer still tags it.
        var ghost = string.Create(CultureInfo.InvariantCulture, $"retired-{rng.Next(1, 100)}");
        return e switch
        {
            AudienceEvent audience => audience with { CampaignId = ghost },
            Conversion conversion => conversion with { CampaignId = ghost },
            _ => e,
        };
    }

    private static byte[] NotAnObject(string json, Prng rng) => rng.Next(3) switch
    {
        0 => Encoding.UTF8.GetBytes("[" + json + "]"),
        1 => "<html><body><h1>502 Bad Gateway</h1></body></html>"u8.ToArray(),
        _ => [0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x00, 0x7B], // a BOM, then bytes that are not UTF-8
    };
}
