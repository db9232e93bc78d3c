namespace CreatorStream.Core.Tests.Schemas;

/// <summary>The validator the schema tests rely on: it must refuse what it cannot check, and check what it claims to.</summary>
public sealed class JsonSchemaSubsetTests
{
    private const string Id = "https://creatorstream.example/schemas/test.schema.json";

    [Theory]
    [InlineData("\"format\": \"date-time\"", "format")]
    [InlineData("\"uniqueItems\": true", "uniqueItems")]
    [InlineData("\"patternProperties\": {}", "patternProperties")]
    [InlineData("\"properties\": {\"a\": {\"if\": {}}}", "if")]
    [InlineData("\"$defs\": {\"a\": {\"dependentRequired\": {}}}", "dependentRequired")]
    [InlineData("\"oneOf\": [{\"not\": {}}]", "not")]
    public void Load_UnsupportedKeywordAnywhere_ThrowsNamingIt(string members, string keyword)
    {
        var error = Assert.Throws<NotSupportedException>(() => Load(members));

        Assert.Contains($"'{keyword}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"$ref\": \"#/$defs/missing\"")]
    [InlineData("\"$ref\": \"other.schema.json\"")]
    [InlineData("\"pattern\": \"^\\\\d+$\"")]
    [InlineData("\"type\": \"float\"")]
    [InlineData("\"properties\": {\"a\": {\"$id\": \"https://creatorstream.example/nested\"}}")]
    public void Load_MalformedOrUncheckableSchema_Throws(string members)
    {
        Assert.Throws<NotSupportedException>(() => Load(members));
    }

    [Fact]
    public void Load_SchemaWithoutDraft202012_Throws()
    {
        Assert.Throws<NotSupportedException>(() => JsonSchemaSubset.FromDocuments([$$"""{"$id":"{{Id}}"}"""]));
    }

    [Theory]
    [InlineData("5", true)]
    [InlineData("-0", true)]
    [InlineData("5.0", true)]
    [InlineData("5e0", true)]
    [InlineData("50e-1", true)]
    [InlineData("1.7672625e12", true)]
    [InlineData("5.5", false)]
    [InlineData("5e-1", false)]
    [InlineData("1767262500123.0001", false)]
    public void IsWhole_JsonNumber_DecidesOnTheDigits(string number, bool whole)
    {
        Assert.Equal(whole, JsonSchemaSubset.IsWhole(number));
    }

    [Theory]
    [InlineData("9223372036854775807", true)]
    [InlineData("9223372036854775808", false)]
    [InlineData("0", true)]
    [InlineData("-1", false)]
    [InlineData("1e30", false)]
    public void Validate_IntegerBounds_CompareExactly(string instance, bool valid)
    {
        var schema = Load("\"type\": \"integer\", \"minimum\": 0, \"maximum\": 9223372036854775807");

        Assert.Equal(valid, schema.Validate("test.schema.json", instance).Count == 0);
    }

    [Theory]
    [InlineData("\"USD\"", true)]
    [InlineData("\"USD\\n\"", false)]
    [InlineData("\"XUSD\"", false)]
    public void Validate_PatternEndingInDollar_MeansTheEndOfTheString(string instance, bool valid)
    {
        var schema = Load("\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\"");

        Assert.Equal(valid, schema.Validate("test.schema.json", instance).Count == 0);
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude0d\\ud83d\\ude0d\"", true)]
    [InlineData("\"abc\"", false)]
    public void Validate_MaxLength_CountsCodePointsNotUtf16Units(string instance, bool valid)
    {
        var schema = Load("\"type\": \"string\", \"maxLength\": 2");

        Assert.Equal(valid, schema.Validate("test.schema.json", instance).Count == 0);
    }

    [Theory]
    [InlineData("{\"n\": 1.5}", 0)] // number only
    [InlineData("{\"n\": 1}", 1)] // number and integer: two branches
    [InlineData("{\"n\": \"x\"}", 1)] // no branch
    public void Validate_OneOf_NeedsExactlyOneMatchingBranch(string instance, int errors)
    {
        var schema = Load("\"oneOf\": [{\"properties\": {\"n\": {\"type\": \"number\"}}}, {\"properties\": {\"n\": {\"type\": \"integer\"}}}, {\"required\": [\"m\"]}]");

        Assert.Equal(errors, schema.Validate("test.schema.json", instance).Count);
    }

    [Fact]
    public void Validate_ObjectKeywords_ReportEveryProblemWithItsPointer()
    {
        var schema = Load("""
            "type": "object", "required": ["a", "b"], "additionalProperties": false,
            "properties": {"a": {"$ref": "#/$defs/small"}, "b": {"type": ["string", "null"], "enum": ["x", null]}, "c": {"const": 3}},
            "$defs": {"small": {"type": "integer", "maximum": 2}}
            """);

        var errors = schema.Validate("test.schema.json", """{"a": 3, "c": 4, "d": true}""");

        Assert.Equal(
            ["#/a: 3 breaks maximum 2", "#/c: 4 is not 3", "#: member 'd' is not allowed", "#: required member 'b' is missing"],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_PropertyNamesAndAdditionalPropertiesSchema_ApplyToEveryMember()
    {
        var schema = Load("\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}, \"additionalProperties\": {\"type\": \"integer\"}");

        var errors = schema.Validate("test.schema.json", """{"ok": 1, "Bad": 2, "fine": "3"}""");

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("#/Bad:", StringComparison.Ordinal) && e.EndsWith("(member name)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("#/fine:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RefToAnotherDocument_ResolvesAgainstTheId()
    {
        var schema = JsonSchemaSubset.FromDocuments(
        [
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"{{Id}}","items":{"$ref":"other.schema.json#/$defs/code"},"minItems":1}""",
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://creatorstream.example/schemas/other.schema.json","$defs":{"code":{"enum":["a","b"]}}}""",
        ]);

        Assert.Empty(schema.Validate("test.schema.json", """["a","b"]"""));
        Assert.Equal(["#/1: \"c\" is not one of [\"a\",\"b\"]"], schema.Validate("test.schema.json", """["a","c"]"""));
        Assert.Single(schema.Validate("test.schema.json", "[]"));
    }

    private static JsonSchemaSubset Load(string members) =>
        JsonSchemaSubset.FromDocuments([$$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"{{Id}}",{{members}}}"""]);
}
