using System.Text.Json.Serialization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;

namespace CreatorStream.Core.Json;

/// <summary>
/// Source-generated JSON for configuration and reports (no reflection at run time). snake_case on the wire;
/// nulls are written, because the report's contract shows "no data" as null. Unknown members are errors, so a
/// misspelt configuration key stops start-up instead of being ignored, and null where the type says non-null is an error.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    WriteIndented = true)]
[JsonSerializable(typeof(CampaignCatalogDocument))]
[JsonSerializable(typeof(ReplayReport))]
[JsonSerializable(typeof(EstimatesReport))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
