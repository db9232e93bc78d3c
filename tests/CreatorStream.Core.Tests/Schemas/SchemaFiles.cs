using System.Text.Json.Nodes;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Schemas;

/// <summary>
/// The repository's <c>schemas/</c> folder and its examples, found by walking up from the test binaries to the
/// directory that holds <c>CreatorStream.sln</c>. An example is named after its schema: <c>NAME.VARIANT.json</c> or
/// <c>NAME.json</c> follows <c>NAME.schema.json</c>; a <c>.jsonl</c> file is JSON Lines, each line following
/// <c>event-line.schema.json</c>.
/// </summary>
internal static class SchemaFiles
{
    public const string EventLineSchema = "event-line.schema.json";

    private static readonly Lazy<JsonSchemaSubset> LazyValidator = new(() => JsonSchemaSubset.Load(SchemasDirectory));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SchemasDirectory => Path.Combine(RepositoryRoot, "schemas");

    public static string ExamplesDirectory => Path.Combine(SchemasDirectory, "examples");

    /// <summary>Every schema in <c>schemas/</c>, loaded once (loading checks that each uses only supported keywords).</summary>
    public static JsonSchemaSubset Validator => LazyValidator.Value;

    /// <summary>The file names in <c>schemas/examples/</c>, sorted.</summary>
    public static IReadOnlyList<string> ExampleNames() =>
        [.. Directory.EnumerateFiles(ExamplesDirectory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static string ReadExample(string name) => File.ReadAllText(Path.Combine(ExamplesDirectory, name));

    public static JsonNode ExampleNode(string name) => JsonNode.Parse(ReadExample(name))!;

    /// <summary>The schema an example follows, by the naming rule above.</summary>
    public static string SchemaOf(string exampleName) =>
        exampleName.EndsWith(".jsonl", StringComparison.Ordinal) ? EventLineSchema : exampleName[..exampleName.IndexOf('.', StringComparison.Ordinal)] + ".schema.json";

    /// <summary>The event type of an event example (<c>impression.full.json</c> is an impression), or null for other examples.</summary>
    public static EventType? EventTypeOf(string exampleName) =>
        Enum.GetValues<EventType>().Cast<EventType?>().FirstOrDefault(type => exampleName.StartsWith(WireNames.Of(type!.Value) + ".", StringComparison.Ordinal));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CreatorStream.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no directory above {AppContext.BaseDirectory} contains CreatorStream.sln");
    }
}
