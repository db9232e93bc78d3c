using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Testing.Fuzz;

/// <summary>
/// An event's JSON as an editable object, written back as bytes in which placeholders become raw text: numbers no
/// JSON number type holds (1e400), bytes that are not UTF-8, raw control characters. Not thread-safe.
/// </summary>
public sealed class JsonEdit
{
    /// <summary>Stands for raw bytes in a string value or name; <see cref="ToBytes"/> swaps it in.</summary>
    public const string Hole = "@@HOLE@@";

    // Non-ASCII stays raw, so a multi-byte id is as many bytes on the wire as in UTF-8.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private string? _raw;

    public JsonEdit(StreamEvent e)
    {
        Object = JsonNode.Parse(EventWriter.ToUtf8(e, includeType: true))!.AsObject();
    }

    public JsonObject Object { get; }

    /// <summary>Names of the fields present whose values are strings (the <c>type</c> field excepted).</summary>
    public IReadOnlyList<string> StringFields =>
        [.. Object.Where(p => p.Key != "type" && p.Value?.GetValueKind() == JsonValueKind.String).Select(p => p.Key)];

    /// <summary>Sets <paramref name="field"/> to raw JSON text (any number, an array, ...), written as is.</summary>
    public JsonEdit Raw(string field, string json)
    {
        Object[field] = Hole;
        _raw = json;
        return this;
    }

    /// <summary>The JSON text; raw text replaces the quoted placeholder, <paramref name="hole"/> bytes replace it elsewhere.</summary>
    public byte[] ToBytes(byte[]? hole = null)
    {
        var text = Object.ToJsonString(Relaxed);
        if (_raw is not null)
        {
            text = text.Replace("\"" + Hole + "\"", _raw, StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (hole is null)
        {
            return bytes;
        }

        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Hole));
        return [.. bytes[..at], .. hole, .. bytes[(at + Hole.Length)..]];
    }
}
