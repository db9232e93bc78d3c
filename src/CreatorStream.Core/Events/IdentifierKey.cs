namespace CreatorStream.Core.Events;

/// <summary>
/// The 64-bit key of an identifier an audience event carries for the classifier to compare (ip_hash, device_id,
/// user_agent_hash): <see cref="Authenticity.KeyHash"/> of its text, the key the classifier's shared-address and
/// shared-device tables have always used, so a decoded event need not keep the text (docs/design.md, "Per-event cost").
/// <see cref="None"/> (0) is no identifier; a text whose hash is 0 takes 1 instead, a collision as unlikely as any other
/// at 64 bits. Stateless; thread-safe.
/// </summary>
public static class IdentifierKey
{
    /// <summary>No identifier.</summary>
    public const ulong None = 0;

    /// <summary>The key of <paramref name="text"/>, or <see cref="None"/> for no text.</summary>
    public static ulong Of(string? text) => text is null ? None : Of(text.AsSpan());

    /// <summary>The key of the identifier <paramref name="text"/> (unescaped), the same as that of the string it spells.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var key = Authenticity.KeyHash.Of(text);
        return key == None ? 1 : key;
    }
}
