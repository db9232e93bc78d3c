using System.Text;
using System.Text.Json;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// Writes dead letters as JSON Lines for people: source, offset, stage, reason, message, and the original bytes
/// (as text when they are valid UTF-8, else base64).
/// </summary>
public static class DeadLetterFile
{
    public static async Task WriteAsync(string path, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await using var writer = new Utf8JsonWriter(stream);
        foreach (var letter in deadLetters)
        {
            writer.WriteStartObject();
            writer.WriteString("topic", letter.Record.Source.Topic);
            writer.WriteNumber("partition", letter.Record.Source.Partition);
            writer.WriteNumber("offset", letter.Record.Offset);
            writer.WriteString("stage", DeadLetterReasons.Code(letter.Stage));
            writer.WriteString("reason", DeadLetterReasons.Code(letter.Reason));
            writer.WriteString("message", letter.Message);
            var value = letter.Record.Value.Span;
            if (System.Text.Unicode.Utf8.IsValid(value))
            {
                writer.WriteString("value", Encoding.UTF8.GetString(value));
            }
            else
            {
                writer.WriteBase64String("value_base64", value);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            writer.Reset();
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
    }
}
