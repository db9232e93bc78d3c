namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The recent posts of each creator (post keys by creator key, oldest first), for the ring signal: which of a creator's
/// posts an account worked, and which it was shown. Capped per creator; posts the classifier forgets are dropped on
/// <see cref="Forget"/>. Mutable; not thread-safe.
/// </summary>
internal sealed class CreatorPosts
{
    private const int MaxPerCreator = 64; // far above what a creator publishes within the post retention

    private readonly Dictionary<ulong, List<ulong>> _posts = [];

    /// <summary>Creators held.</summary>
    public int Count => _posts.Count;

    public void Add(ulong creator, ulong post)
    {
        if (!_posts.TryGetValue(creator, out var list))
        {
            _posts[creator] = list = [];
        }

        if (list.Count >= MaxPerCreator)
        {
            list.RemoveAt(0);
        }

        list.Add(post);
    }

    public IReadOnlyList<ulong> Of(ulong creator) => _posts.TryGetValue(creator, out var list) ? list : Array.Empty<ulong>(); // [] would be a new List

    /// <summary>Drops the posts that are no longer <paramref name="tracked"/>, and creators left with none.</summary>
    public void Forget(Func<ulong, bool> tracked)
    {
        // Removed as met: a Dictionary may lose entries while it is enumerated (.NET Core 3.0 and later), so no list of keys is made.
        foreach (var (creator, list) in _posts)
        {
            list.RemoveAll(p => !tracked(p));
            if (list.Count == 0)
            {
                _posts.Remove(creator);
            }
        }
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_posts.Count);
        foreach (var (creator, posts) in _posts)
        {
            writer.Write(creator);
            writer.Write(posts, static (w, p) => w.Write(p));
        }
    }

    public void Load(Snapshots.SnapshotReader reader) =>
        reader.Each(r => _posts.Add(r.ULong(), r.List(static p => p.ULong())));
}
