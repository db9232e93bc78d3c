using System.Globalization;

namespace CreatorStream.Redis;

/// <summary>
/// A snapshot written in parts (<see cref="RedisKeys.SnapshotParts"/>): the list's key, how many parts it holds and the
/// snapshot's bytes in all. <see cref="Manifest"/> is how the snapshot hash names it.
/// </summary>
internal sealed record SnapshotParts(string Key, int Count, long Length)
{
    public string Manifest => string.Create(CultureInfo.InvariantCulture, $"{Key}\n{Count}\n{Length}");

    /// <summary>A manifest read back; false when it is not one <see cref="Manifest"/> wrote.</summary>
    public static bool TryParse(string manifest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SnapshotParts? parts)
    {
        var lines = manifest.Split('\n');
        parts = lines.Length == 3
            && int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? new SnapshotParts(lines[0], count, length)
            : null;
        return parts is not null;
    }
}
