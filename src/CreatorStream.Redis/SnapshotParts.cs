using System.Globalization;

namespace CreatorStream.Redis;

/// <summary>
/// A snapshot written in parts (<see cref="RedisKeys.SnapshotParts"/>): the list's key, how many parts it holds and the
/// snapshot's bytes in all. <see cref="Manifest"/> is how the snapshot hash names it.
/// </summary>
internal sealed record SnapshotParts(string Key, int Count, long Length)
{
    public string Manifest => string.Create(CultureInfo.InvariantCulture, $"{Key}\n{Count}\n{Length}");

    /// <summary>A manifest read back.</summary>
    /// <exception cref="FormatException">Not one <see cref="Manifest"/> wrote.</exception>
    public static SnapshotParts Parse(string manifest)
    {
        var lines = manifest.Split('\n');
        return lines.Length == 3
            ? new SnapshotParts(lines[0], int.Parse(lines[1], CultureInfo.InvariantCulture), long.Parse(lines[2], CultureInfo.InvariantCulture))
            : throw new FormatException($"a snapshot manifest of {lines.Length} lines");
    }
}
