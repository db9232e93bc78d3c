using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user id, as its exact key (<see cref="Events.EventIdKey"/>: a short id or a UUID is no string), with its
/// <see cref="UserHash"/>, both made once with the event (<c>StreamEvent.UserIdKey</c>, <c>UserKey</c>): as a dictionary
/// key it hashes for free and still compares the id itself, so two ids whose hashes collide stay two keys (the journeys and
/// open paths are exact; docs/design.md, "Per-event cost"). The bucket a key falls in is its hash mixed with a seed
/// drawn once per process, so ids chosen to share buckets (the hash is a public function of the id) do not share them
/// here unless their whole 64-bit hashes are equal; the order of a table does not depend on the seed. Immutable;
/// thread-safe.
/// </summary>
internal readonly struct HashedId(Events.EventIdKey id, ulong hash) : IEquatable<HashedId>
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    public Events.EventIdKey Id { get; } = id;

    public ulong Hash { get; } = hash;

    /// <summary>The key of an event's user, with the hash the event made.</summary>
    public static HashedId UserOf(Events.StreamEvent e) => new(e.UserIdKey, e.UserKey);

    /// <summary>The key of an id that came without its hash (a snapshot, a test): hashed here.</summary>
    public static HashedId Of(string id) => new(Events.EventIdKey.Of(id), UserHash.Of(id));

    public bool Equals(HashedId other) => Hash == other.Hash && Id.Equals(other.Id);

    public override bool Equals(object? obj) => obj is HashedId other && Equals(other);

    public override int GetHashCode() => (int)UserHash.Mix(Hash ^ Seed);
}
