using System.Globalization;
using System.Text;

namespace CreatorStream.Redis;

/// <summary>
/// A snapshot written in parts (<see cref="RedisKeys.SnapshotParts"/>): the key that holds them, how many there are,
/// the snapshot's bytes in all, and the parts' numbers in the snapshot's order (<see cref="Ids"/>). <see cref="Manifest"/>
/// is how the snapshot hash names it.
/// </summary>
/// <remarks>
/// The parts are the fields of a hash, numbered as they were taken (<see cref="RedisSnapshotSink"/>): a snapshot's
/// groups stream their chunks side by side, so the order they reach the store in is not the snapshot's, and the
/// manifest says it. A manifest of three lines (no ids) is the list an older build wrote, its parts in order, still read.
/// </remarks>
internal sealed record SnapshotParts(string Key, int Count, long Length, IReadOnlyList<int>? Ids = null)
{
    public string Manifest => Ids is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Key}\n{Count}\n{Length}")
        : string.Create(CultureInfo.InvariantCulture, $"{Key}\n{Count}\n{Length}\n{Ranges(Ids)}");

    /// <summary>A manifest read back; false when it is not one <see cref="Manifest"/> wrote.</summary>
    public static bool TryParse(string manifest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SnapshotParts? parts)
    {
        parts = null;
        var lines = manifest.Split('\n');
        if (lines.Length is not (3 or 4)
            || !int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        if (lines.Length == 3)
        {
            parts = new SnapshotParts(lines[0], count, length);
            return true;
        }

        if (ParseRanges(lines[3]) is { } ids && ids.Count == count)
        {
            parts = new SnapshotParts(lines[0], count, length, ids);
        }

        return parts is not null;
    }

    // "0-5,9,6-8": runs of consecutive numbers, so a manifest of a thousand parts in a few runs stays a few bytes.
    private static string Ranges(IReadOnlyList<int> ids)
    {
        var text = new StringBuilder();
        for (var i = 0; i < ids.Count;)
        {
            var end = i;
            while (end + 1 < ids.Count && ids[end + 1] == ids[end] + 1)
            {
                end++;
            }

            text.Append(text.Length == 0 ? "" : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
            if (end > i)
            {
                text.Append('-').Append(ids[end].ToString(CultureInfo.InvariantCulture));
            }

            i = end + 1;
        }

        return text.ToString();
    }

    private static List<int>? ParseRanges(string text)
    {
        var ids = new List<int>();
        foreach (var range in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (!int.TryParse(dash < 0 ? range : range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            {
                return null;
            }

            var last = first;
            if (dash >= 0 && (!int.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first))
            {
                return null;
            }

            for (var id = first; id <= last && ids.Count <= MostParts; id++)
            {
                ids.Add(id);
            }
        }

        return ids.Count <= MostParts ? ids : null;
    }

    // More parts than any snapshot has (ten million parts are ten terabytes at the default part size): a manifest naming
    // more is not one this store wrote.
    private const int MostParts = 10_000_000;
}
