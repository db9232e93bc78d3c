using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Redis;

/// <summary>
/// Names an aggregate's scope within a campaign's hashes: <c>c</c> (the campaign), <c>r:CREATOR</c>, or
/// <c>p:CREATOR:CONTENT:PLATFORM</c>. Ids are escaped (<c>%</c>, <c>:</c>, <c>|</c>, whitespace and control characters as
/// <c>%XX</c> or <c>%uXXXX</c>), so names stay unambiguous and readable in redis-cli. Stateless and thread-safe.
/// </summary>
public static class ScopeField
{
    public static string Of(AggregateKey key) => key.Scope switch
    {
        AggregateScope.Campaign => "c",
        AggregateScope.Creator => $"r:{Escape(key.CreatorId)}",
        _ => $"p:{Escape(key.CreatorId)}:{Escape(key.ContentId)}:{WireNames.Of(key.Platform)}",
    };

    /// <summary>The aggregate a scope names, in <paramref name="campaignId"/>, to date or in a bucket.</summary>
    /// <exception cref="FormatException">Not a scope this class wrote.</exception>
    public static AggregateKey Parse(string scope, string campaignId, long bucketStart)
    {
        var parts = scope.Split(':');
        return parts switch
        {
            ["c"] => AggregateKey.Campaign(campaignId, bucketStart),
            ["r", var creator] => AggregateKey.Creator(campaignId, Unescape(creator), bucketStart),
            ["p", var creator, var content, var platform] when WireNames.TryParsePlatform(platform, out var p) =>
                AggregateKey.Content(campaignId, Unescape(creator), Unescape(content), p, bucketStart),
            _ => throw new FormatException($"'{scope}' is not an aggregate scope"),
        };
    }

    public static string Escape(string id)
    {
        if (!id.AsSpan().ContainsAny("%:|") && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return id;
        }

        var escaped = new StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (c is '%' or ':' or '|' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                escaped.Append(c <= 0xFF ? $"%{(int)c:X2}" : $"%u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    public static string Unescape(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }

        var id = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%')
            {
                var wide = escaped[i + 1] == 'u';
                var digits = wide ? escaped.Substring(i + 2, 4) : escaped.Substring(i + 1, 2);
                id.Append((char)Convert.ToInt32(digits, 16));
                i += wide ? 5 : 2;
            }
            else
            {
                id.Append(escaped[i]);
            }
        }

        return id.ToString();
    }
}
