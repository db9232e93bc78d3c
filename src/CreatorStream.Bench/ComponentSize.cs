using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>One component's live bytes in the memory bench and the entries it held (users, ids, table rows). Immutable.</summary>
public sealed record ComponentSize(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("live_bytes")] long LiveBytes,
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("bytes_per_user")] double BytesPerUser);
