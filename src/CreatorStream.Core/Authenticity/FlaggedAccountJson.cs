using System.Buffers;
using System.Text.Json;

namespace CreatorStream.Core.Authenticity;

/// <summary>A list of flagged accounts as JSON (how stores keep explanations). Writing then reading gives equal values.</summary>
public static class FlaggedAccountJson
{
    public static byte[] Write(IReadOnlyList<FlaggedAccount> accounts)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, accounts.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var account in accounts)
            {
                writer.WriteStartObject();
                writer.WriteString("account_id", account.AccountId);
                writer.WriteNumber("suspicion", account.Suspicion);
                writer.WriteStartObject("reason_counts");
                foreach (var (reason, count) in account.ReasonCounts)
                {
                    writer.WriteNumber(reason, count);
                }

                writer.WriteEndObject();
                writer.WriteNumber("engagements_flagged", account.EngagementsFlagged);
                writer.WriteNumber("last_seen_ts", account.LastSeenTs);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="JsonException">The bytes are not a list written by <see cref="Write"/>.</exception>
    public static IReadOnlyList<FlaggedAccount> Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var accounts = new List<FlaggedAccount>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var reason in item.GetProperty("reason_counts").EnumerateObject())
            {
                reasons[reason.Name] = reason.Value.GetInt32();
            }

            accounts.Add(new FlaggedAccount(
                item.GetProperty("account_id").GetString()!,
                item.GetProperty("suspicion").GetDouble(),
                reasons,
                item.GetProperty("engagements_flagged").GetInt32(),
                item.GetProperty("last_seen_ts").GetInt64()));
        }

        return accounts;
    }
}
