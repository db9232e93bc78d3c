using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user id with its <see cref="UserHash"/>, made once with the event (<c>StreamEvent.UserKey</c>): as a dictionary key
/// it hashes for free and still compares the id itself, so two ids whose hashes collide stay two keys (the journeys and
/// open paths are exact; docs/design.md, "Per-event cost"). The bucket a key falls in is its hash mixed with a seed
/// drawn once per process, so ids chosen to share buckets (the hash is a public function of the id) do not share them
/// here unless their whole 64-bit hashes are equal; the order of a table does not depend on the seed. Immutable;
/// thread-safe.
/// </summary>
internal readonly struct HashedId(string id, ulong hash) : IEquatable<HashedId>
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    public string Id { get; } = id;

    public ulong Hash { get; } = hash;

    /// <summary>The key of an event's user, with the hash the event made.</summary>
    public static HashedId UserOf(Events.StreamEvent e) => new(e.UserId, e.UserKey);

    /// <summary>The key of an id that came without its hash (a snapshot, a test): hashed here.</summary>
    public static HashedId Of(string id) => new(id, UserHash.Of(id));

    public bool Equals(HashedId other) => Hash == other.Hash && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is HashedId other && Equals(other);

    public override int GetHashCode() => (int)UserHash.Mix(Hash ^ Seed);
}
