using System.Collections.Concurrent;

namespace CreatorStream.Core.Decoding;

/// <summary>
/// One shared string per distinct id. Campaign, creator, content and link ids repeat on nearly every event: looked up
/// here from the decoder's stack buffer, they cost a hash lookup instead of an allocation, and every aggregate, journey
/// and key that holds them holds the same copy (issue 8: allocation is where replay's time goes). Thread-safe.
/// Bounded: past <see cref="Capacity"/> ids it stops adding, so a flood of distinct ids (hostile or a misrouted
/// high-cardinality field) costs an allocation each, as before, and never memory.
/// </summary>
internal sealed class IdPool(int capacity)
{
    /// <summary>Longest id, in chars (and so in UTF-8 bytes), looked up here from the stack; longer ones are made as they come.</summary>
    public const int MaxPooledChars = 128;

    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private int _count;

    public int Capacity { get; } = capacity;

    /// <summary>The pooled string equal to <paramref name="chars"/>, or a new one (pooled while there is room).</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var pooled))
        {
            return pooled;
        }

        var id = new string(chars);
        if (Volatile.Read(ref _count) < Capacity && _ids.TryAdd(id, id))
        {
            Interlocked.Increment(ref _count);
        }

        return id;
    }

    /// <summary>As <see cref="Get(ReadOnlySpan{char})"/>, for UTF-8 (a snapshot's ids): decoded onto the stack when short enough to pool.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledChars)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledChars];
        return Get(chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)]);
    }
}
