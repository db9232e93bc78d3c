namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The accounts a post knows hold no engagement judged authentic on it: a cache that spares a group's revision from
/// looking every member up again at each engagement of the group (docs/design.md, "Per-event cost"). A bought batch is
/// found again at each of its engagements, and by then nearly all of it was revised or found clean at an earlier one:
/// without this, one replay looked 76.6 million members up to revise 22 engagements (docs/benchmarks.md, session 39).
/// <para>The invariant, on which revisions stay exactly what they were: an account in the set holds no judged
/// engagement on the post. It is added only once it was found to hold none or had them all taken, and removed whenever
/// it is given one (<see cref="Judged"/>); an account's judged engagements otherwise only ever leave it. The set is not
/// saved (a restored post starts with none known), and is dropped with the post's window, or when it reaches
/// <see cref="Capacity"/> accounts: forgetting only costs lookups.</para>
/// Its post also marks each window entry whose account it holds (<see cref="PostState.EntryKnownClear"/>), so a group's
/// scan reads a flag beside the entry instead of looking the account up. Mutable; not thread-safe: one per
/// <see cref="PostState"/>, made at its first revision.
/// </summary>
internal sealed class ClearAccounts
{
    /// <summary>Accounts held at most (about 1.5 MB): more than any group a post's window holds at once.</summary>
    public const int Capacity = 65_536;

    private readonly HashSet<ulong> _accounts = [];

    public int Count => _accounts.Count;

    /// <summary>Whether <paramref name="account"/> is known to hold no judged engagement on the post.</summary>
    public bool Contains(ulong account) => _accounts.Contains(account);

    /// <summary>Records that <paramref name="account"/> holds no judged engagement on the post now.</summary>
    /// <returns>False when the set was full and forgot every account first.</returns>
    public bool Add(ulong account)
    {
        var kept = _accounts.Count < Capacity || _accounts.Contains(account);
        if (!kept)
        {
            _accounts.Clear();
        }

        _accounts.Add(account);
        return kept;
    }

    /// <summary>The account was given an engagement judged authentic on the post: it is no longer known clear.</summary>
    /// <returns>Whether it was known clear until now.</returns>
    public bool Judged(ulong account) => _accounts.Remove(account);
}
