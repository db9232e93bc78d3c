using System.Text.Json;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// Finds where a JSON Lines record goes without fully decoding it: its <c>type</c> (the topic) and <c>user_id</c>
/// (the key). Validation is the worker's job; a line whose type cannot be found goes straight to the dead letters.
/// </summary>
public static class LineRouting
{
    public static (EventType? Type, string Key, DeadLetterReason Reason) Route(ReadOnlySpan<byte> line)
    {
        EventType? type = null;
        var key = "";
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, "", DeadLetterReason.SchemaViolation);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8) && reader.Read() && reader.TokenType == JsonTokenType.String
                    && WireNames.TryParse(reader.ValueSpan, out EventType parsed))
                {
                    type = parsed;
                }
                else if (reader.ValueTextEquals("user_id"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    key = reader.GetString() ?? "";
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON: if the type was already seen, the worker will dead-letter it with the full reason.
            return (type, key, DeadLetterReason.InvalidJson);
        }

        return (type, key, DeadLetterReason.UnknownEventType);
    }
}
