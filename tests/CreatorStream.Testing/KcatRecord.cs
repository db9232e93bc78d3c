namespace CreatorStream.Testing;

/// <summary>
/// One record for <see cref="Kcat"/> to produce. <see cref="Key"/> null sends the record with no key (not an empty one).
/// kcat reads one record per line, the key before the first tab, so a key may hold no tab or newline, and a value no
/// newline (nor a tab, when it has no key).
/// </summary>
public sealed record KcatRecord(string Topic, string? Key, string Value);
