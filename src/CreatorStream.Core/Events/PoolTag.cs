namespace CreatorStream.Core.Events;

/// <summary>
/// Which pool lent a decoded audience event out, and whether it is out now (<see cref="AudienceEventPool{T}"/>). Not
/// part of what the event says: any two tags are equal, so a record's equality, which compares every field, ignores
/// it, and a pooled event equals the same event made in code.
/// </summary>
internal struct PoolTag : IEquatable<PoolTag>
{
    /// <summary>The pool the event goes back to; null for an event made in code or read from a snapshot.</summary>
    public IAudienceEventPool? Pool;

    /// <summary>Whether <see cref="Pool"/> has lent the event out and not had it back.</summary>
    public bool Lent;

    public readonly bool Equals(PoolTag other) => true;

    public override readonly bool Equals(object? obj) => obj is PoolTag;

    public override readonly int GetHashCode() => 0;
}
