using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CreatorStream.Core.Tests.Schemas;

/// <summary>
/// A deliberately small JSON Schema (draft 2020-12) validator for the keywords <c>schemas/</c> uses, so that the
/// schema tests need no package. Loading a schema that uses any other keyword throws, so a rule can never be skipped
/// silently: to use a new keyword in a schema, implement it here first.
/// <para>
/// Supported: <c>$ref</c>, <c>$defs</c>, <c>type</c> (a name or an array of names, including <c>integer</c>),
/// <c>enum</c>, <c>const</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>propertyNames</c>,
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>,
/// <c>items</c>, <c>minItems</c>, <c>oneOf</c>, boolean schemas; and the annotations <c>$schema</c>, <c>$id</c>
/// (document roots only), <c>$comment</c>, <c>title</c>, <c>description</c>, <c>default</c>, <c>examples</c>, <c>deprecated</c>.
/// </para>
/// <para>
/// Semantics follow the specification: <c>integer</c> is any number with no fractional part, whatever its notation
/// (so <c>1.0</c> and <c>1e3</c> count, though EventDecoder rejects them); <c>minLength</c>/<c>maxLength</c> count
/// Unicode code points; numbers compare exactly as decimals where they fit (so 2^63 is above long.MaxValue);
/// <c>pattern</c> is an unanchored search with .NET's <see cref="Regex"/>, where a final <c>$</c> means the end of the
/// string as in ECMA-262 (not "before a final newline"), and the classes whose meaning differs between the two
/// (<c>\d</c>, <c>\w</c>, <c>\b</c> and their negations) are refused; <c>$ref</c> resolves against the referring
/// document's <c>$id</c>, to another loaded document and/or a JSON Pointer fragment such as <c>#/$defs/name</c>.
/// </para>
/// Immutable after loading; thread-safe.
/// </summary>
public sealed class JsonSchemaSubset
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> Annotations = ["$comment", "title", "description", "default", "examples", "deprecated"];

    private static readonly HashSet<string> Keywords =
    [
        "$ref", "$defs", "type", "enum", "const", "required", "properties", "additionalProperties", "propertyNames",
        "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "pattern", "items", "minItems", "oneOf",
    ];

    private static readonly HashSet<string> TypeNames = ["null", "boolean", "object", "array", "string", "number", "integer"];

    private readonly Dictionary<Uri, JsonElement> _documents;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchemaSubset(Dictionary<Uri, JsonElement> documents)
    {
        _documents = documents;
        foreach (var (id, root) in documents)
        {
            Check(root, id, "#", isRoot: true);
        }
    }

    /// <summary>The <c>$id</c> of every loaded schema.</summary>
    public IReadOnlyCollection<Uri> Ids => _documents.Keys;

    /// <summary>Loads every <c>*.schema.json</c> file of <paramref name="directory"/>.</summary>
    public static JsonSchemaSubset Load(string directory) =>
        FromDocuments(Directory.EnumerateFiles(directory, "*.schema.json").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>Loads schemas given as JSON text; each needs draft 2020-12's <c>$schema</c> and an absolute <c>$id</c>.</summary>
    public static JsonSchemaSubset FromDocuments(IEnumerable<string> schemas)
    {
        var documents = new Dictionary<Uri, JsonElement>();
        foreach (var text in schemas)
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("$schema", out var draft) || draft.GetString() != Draft
                || !root.TryGetProperty("$id", out var id) || !Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri)
                || uri.Fragment.Length > 0)
            {
                throw new NotSupportedException($"a schema must be an object with \"$schema\": \"{Draft}\" and an absolute \"$id\" without a fragment");
            }

            if (!documents.TryAdd(uri, root))
            {
                throw new NotSupportedException($"two schemas have the $id {uri}");
            }
        }

        return new JsonSchemaSubset(documents);
    }

    /// <summary>The <c>$id</c> of the loaded schema whose <c>$id</c> ends in <paramref name="fileName"/>.</summary>
    public Uri IdOf(string fileName) =>
        _documents.Keys.SingleOrDefault(id => id.Segments[^1] == fileName) ?? throw new ArgumentException($"no schema is named {fileName}", nameof(fileName));

    /// <summary>Validates <paramref name="json"/> against the schema named <paramref name="fileName"/>; returns every error, empty when valid.</summary>
    public IReadOnlyList<string> Validate(string fileName, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(IdOf(fileName), document.RootElement);
    }

    /// <summary>Validates <paramref name="instance"/> against the schema <paramref name="schemaId"/>; returns every error as "#/json/pointer: problem", empty when valid.</summary>
    public IReadOnlyList<string> Validate(Uri schemaId, JsonElement instance)
    {
        var errors = new List<string>();
        Validate(_documents[schemaId], schemaId, instance, "#", errors);
        return errors;
    }

    private void Validate(JsonElement schema, Uri baseId, JsonElement instance, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{at}: no value is allowed here");
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    var (target, targetBase) = Resolve(baseId, value.GetString()!);
                    Validate(target, targetBase, instance, at, errors);
                    break;
                case "type":
                    var names = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(n => n.GetString()!).ToList() : [value.GetString()!];
                    if (!names.Any(name => HasType(instance, name)))
                    {
                        errors.Add($"{at}: {Describe(instance)} is not of type {string.Join(" or ", names)}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(option => JsonElement.DeepEquals(option, instance)))
                    {
                        errors.Add($"{at}: {Describe(instance)} is not one of {value.GetRawText()}");
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add($"{at}: {Describe(instance)} is not {value.GetRawText()}");
                    }

                    break;
                case "oneOf":
                    ValidateOneOf(value, baseId, instance, at, errors);
                    break;
                case "required" or "properties" or "additionalProperties" or "propertyNames" when instance.ValueKind == JsonValueKind.Object:
                    ValidateObject(keyword.Name, value, schema, baseId, instance, at, errors);
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" when instance.ValueKind == JsonValueKind.Number:
                    ValidateNumber(keyword.Name, value, instance, at, errors);
                    break;
                case "minLength" or "maxLength" or "pattern" when instance.ValueKind == JsonValueKind.String:
                    ValidateString(keyword.Name, value, instance, at, errors);
                    break;
                case "items" when instance.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Validate(value, baseId, item, $"{at}/{index++}", errors);
                    }

                    break;
                case "minItems" when instance.ValueKind == JsonValueKind.Array:
                    if (instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add($"{at}: has {instance.GetArrayLength()} items; at least {value.GetInt32()} are required");
                    }

                    break;
                default:
                    break; // annotations, $defs, and assertions that do not apply to this instance's type
            }
        }
    }

    private void ValidateOneOf(JsonElement branches, Uri baseId, JsonElement instance, string at, List<string> errors)
    {
        var matches = 0;
        var reasons = new List<string>();
        var index = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            var branchErrors = new List<string>();
            Validate(branch, baseId, instance, at, branchErrors);
            if (branchErrors.Count == 0)
            {
                matches++;
            }
            else
            {
                reasons.Add($"[{index}] {string.Join("; ", branchErrors)}");
            }

            index++;
        }

        if (matches != 1)
        {
            errors.Add($"{at}: must match exactly one oneOf branch but matched {matches}" + (matches == 0 ? ": " + string.Join(" | ", reasons) : ""));
        }
    }

    private void ValidateObject(string keyword, JsonElement value, JsonElement schema, Uri baseId, JsonElement instance, string at, List<string> errors)
    {
        switch (keyword)
        {
            case "required":
                foreach (var name in value.EnumerateArray().Select(n => n.GetString()!))
                {
                    if (!instance.TryGetProperty(name, out _))
                    {
                        errors.Add($"{at}: required member '{name}' is missing");
                    }
                }

                break;
            case "properties":
                foreach (var member in instance.EnumerateObject())
                {
                    if (value.TryGetProperty(member.Name, out var memberSchema))
                    {
                        Validate(memberSchema, baseId, member.Value, $"{at}/{member.Name}", errors);
                    }
                }

                break;
            case "additionalProperties":
                var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
                foreach (var member in instance.EnumerateObject())
                {
                    if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(member.Name, out _))
                    {
                        var memberErrors = new List<string>();
                        Validate(value, baseId, member.Value, $"{at}/{member.Name}", memberErrors);
                        errors.AddRange(value.ValueKind == JsonValueKind.False ? [$"{at}: member '{member.Name}' is not allowed"] : memberErrors);
                    }
                }

                break;
            default: // propertyNames
                foreach (var member in instance.EnumerateObject())
                {
                    using var name = JsonDocument.Parse(JsonSerializer.Serialize(member.Name));
                    var nameErrors = new List<string>();
                    Validate(value, baseId, name.RootElement, $"{at}/{member.Name}", nameErrors);
                    errors.AddRange(nameErrors.Select(error => $"{error} (member name)"));
                }

                break;
        }
    }

    private static void ValidateNumber(string keyword, JsonElement bound, JsonElement instance, string at, List<string> errors)
    {
        var comparison = Compare(instance, bound);
        var ok = keyword switch
        {
            "minimum" => comparison >= 0,
            "maximum" => comparison <= 0,
            _ => comparison > 0, // exclusiveMinimum
        };
        if (!ok)
        {
            errors.Add($"{at}: {instance.GetRawText()} breaks {keyword} {bound.GetRawText()}");
        }
    }

    private void ValidateString(string keyword, JsonElement value, JsonElement instance, string at, List<string> errors)
    {
        var text = instance.GetString()!;
        var length = text.EnumerateRunes().Count();
        switch (keyword)
        {
            case "minLength" when length < value.GetInt32():
                errors.Add($"{at}: has {length} characters; at least {value.GetInt32()} are required");
                break;
            case "maxLength" when length > value.GetInt32():
                errors.Add($"{at}: has {length} characters; at most {value.GetInt32()} are allowed");
                break;
            case "pattern" when !_patterns[value.GetString()!].IsMatch(text):
                errors.Add($"{at}: {Describe(instance)} does not match {value.GetString()}");
                break;
            default:
                break;
        }
    }

    private (JsonElement Schema, Uri Base) Resolve(Uri baseId, string reference)
    {
        var target = new Uri(baseId, reference);
        var documentId = new Uri(target.GetLeftPart(UriPartial.Query));
        if (!_documents.TryGetValue(documentId, out var node))
        {
            throw new NotSupportedException($"$ref '{reference}' from {baseId} names no loaded schema ({documentId})");
        }

        var pointer = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                throw new NotSupportedException($"$ref '{reference}' from {baseId} points at nothing");
            }
        }

        return (node, documentId);
    }

    /// <summary>Walks a whole schema once at load, so that an unsupported keyword, a malformed value or a dangling $ref fails loudly even where no instance reaches it.</summary>
    private void Check(JsonElement schema, Uri id, string at, bool isRoot = false)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(id, at, "a schema must be an object or a boolean");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var here = $"{at}/{keyword.Name}";
            switch (keyword.Name)
            {
                case "$schema" or "$id" when isRoot:
                    break;
                case var name when Annotations.Contains(name):
                    break;
                case "$ref":
                    Resolve(id, value.GetString() ?? throw Unsupported(id, here, "$ref must be a string"));
                    break;
                case "$defs" or "properties":
                    RequireKind(value, JsonValueKind.Object, id, here);
                    foreach (var member in value.EnumerateObject())
                    {
                        Check(member.Value, id, $"{here}/{member.Name}");
                    }

                    break;
                case "additionalProperties" or "propertyNames" or "items":
                    Check(value, id, here);
                    break;
                case "oneOf":
                    RequireKind(value, JsonValueKind.Array, id, here);
                    foreach (var (branch, index) in value.EnumerateArray().Select((branch, index) => (branch, index)))
                    {
                        Check(branch, id, $"{here}/{index}");
                    }

                    break;
                case "type":
                    var names = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
                    if (names.Count == 0 || names.Any(n => n.ValueKind != JsonValueKind.String || !TypeNames.Contains(n.GetString()!)))
                    {
                        throw Unsupported(id, here, "type must name one or more of " + string.Join(", ", TypeNames));
                    }

                    break;
                case "enum" or "required":
                    RequireKind(value, JsonValueKind.Array, id, here);
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum":
                    RequireKind(value, JsonValueKind.Number, id, here);
                    break;
                case "minLength" or "maxLength" or "minItems":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
                    {
                        throw Unsupported(id, here, "must be a non-negative integer");
                    }

                    break;
                case "pattern":
                    var pattern = value.GetString() ?? throw Unsupported(id, here, "pattern must be a string");
                    _patterns.TryAdd(pattern, Compile(pattern, id, here));
                    break;
                case "const":
                    break;
                default:
                    throw Unsupported(id, here, $"keyword '{keyword.Name}' is not supported by {nameof(JsonSchemaSubset)}; implement it there before using it");
            }
        }
    }

    private static Regex Compile(string pattern, Uri id, string at)
    {
        // \d, \w and \b match Unicode digits and letters in .NET but only ASCII in ECMA-262: refuse rather than disagree.
        if (Regex.IsMatch(pattern, @"(?<!\\)(\\\\)*\\[dDwWbB]"))
        {
            throw Unsupported(id, at, $"pattern '{pattern}' uses \\d, \\w or \\b, which mean different things in .NET and ECMA-262; spell the class out");
        }

        // ECMA-262's $ (without the m flag) is the end of the input; .NET's also matches before a final newline.
        var translated = Regex.IsMatch(pattern, @"(?<!\\)(\\\\)*\$$") ? pattern[..^1] + @"\z" : pattern;
        return new Regex(translated, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static void RequireKind(JsonElement value, JsonValueKind kind, Uri id, string at)
    {
        if (value.ValueKind != kind)
        {
            throw Unsupported(id, at, $"must be a JSON {kind.ToString().ToLowerInvariant()}");
        }
    }

    private static NotSupportedException Unsupported(Uri id, string at, string problem) => new($"{id}{at}: {problem}");

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsWhole(instance.GetRawText()),
        _ => false,
    };

    /// <summary>Whether a JSON number's text has no fractional part, in any notation (5, 5.0, 5e0, 50e-1), decided on the digits, not a double.</summary>
    internal static bool IsWhole(string number)
    {
        var text = number.TrimStart('-');
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : long.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var integerDigits = (dot < 0 ? mantissa.Length : dot) + exponent;

        // Every digit after the decimal point, once the exponent has moved it, must be 0.
        for (var i = (int)Math.Clamp(integerDigits, 0, digits.Length); i < digits.Length; i++)
        {
            if (digits[i] != '0')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares two JSON numbers exactly as decimals when both fit, else as doubles (then beyond any bound the schemas use).</summary>
    private static int Compare(JsonElement left, JsonElement right) =>
        left.TryGetDecimal(out var l) && right.TryGetDecimal(out var r)
            ? l.CompareTo(r)
            : double.Parse(left.GetRawText(), CultureInfo.InvariantCulture).CompareTo(double.Parse(right.GetRawText(), CultureInfo.InvariantCulture));

    private static string Describe(JsonElement instance)
    {
        var text = instance.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
