namespace CreatorStream.Core.Conversions;

/// <summary>
/// One shared instance per distinct id (campaigns, creators, posts), so that state kept per touchpoint holds
/// references instead of its own copies: the decoder makes new strings for every event, and a 30-day journey
/// would otherwise keep three of them per touch (about 130 bytes). Bounded: past <see cref="Capacity"/> ids,
/// new ones are returned as given (still correct, only not shared). Mutable; not thread-safe.
/// </summary>
internal sealed class IdPool(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => _ids.Count;

    /// <summary>The pooled instance equal to <paramref name="id"/>, pooling it if there is room.</summary>
    public string Intern(string id)
    {
        if (_ids.TryGetValue(id, out var pooled))
        {
            return pooled;
        }

        if (_ids.Count < Capacity)
        {
            _ids.Add(id);
        }

        return id;
    }
}
