using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CreatorStream.Host.Web.Tokens;

/// <summary>
/// Short-lived signed tokens that stand for an API key on the hub (README "Security"). Browsers cannot set headers on a
/// WebSocket, so the SignalR client puts its access token in the URL (<c>access_token=</c>); that token is one of these,
/// never the key. A token is <c>v1.PAYLOAD.MAC</c>, base64url: the payload is a key id (16 bytes of an HMAC of the key's
/// SHA-256, so the token does not carry the key's hash) and the expiry (8 bytes, Unix ms); the MAC is HMAC-SHA256 over
/// the payload with <see cref="HubTokenSecret"/>. Thread-safe.
/// </summary>
public sealed class HubTokens(HubTokenSecret secret, ApiKeyRing keys, TimeProvider clock)
{
    /// <summary>
    /// How long a token may be used to open a connection: the client asks for one right before it connects, so a
    /// minute would do; five tolerate clocks a little apart between instances sharing a secret. An open connection is
    /// not cut when its token expires (it was checked when it opened).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const string Version = "v1";
    private const int KeyIdBytes = 16;

    /// <summary>A token for <paramref name="entry"/> and when it expires (Unix ms).</summary>
    public (string Token, long ExpiresAt) Issue(ApiKeyEntry entry)
    {
        var expiresAt = clock.GetUtcNow().Add(Lifetime).ToUnixTimeMilliseconds();
        var payload = new byte[KeyIdBytes + 8];
        KeyId(entry).CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(KeyIdBytes), expiresAt);
        return ($"{Version}.{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(secret.Key, payload))}", expiresAt);
    }

    /// <summary>The key a token stands for, or null when it is malformed, forged, expired (unless <paramref name="ignoreExpiry"/>) or its key is gone.</summary>
    public ApiKeyEntry? Validate(string? token, bool ignoreExpiry = false)
    {
        var parts = token?.Split('.');
        if (parts is not [Version, var encodedPayload, var encodedMac]
            || !TryDecode(encodedPayload, out var payload) || payload.Length != KeyIdBytes + 8
            || !TryDecode(encodedMac, out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(secret.Key, payload)))
        {
            return null;
        }

        if (!ignoreExpiry && BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(KeyIdBytes)) <= clock.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return null;
        }

        var keyId = payload.AsSpan(0, KeyIdBytes);
        ApiKeyEntry? match = null;
        foreach (var entry in keys.Entries)
        {
            // No early exit, as in ApiKeyRing: the time taken does not say which entry matched.
            if (CryptographicOperations.FixedTimeEquals(keyId, KeyId(entry)))
            {
                match = entry;
            }
        }

        return match;
    }

    private byte[] KeyId(ApiKeyEntry entry) =>
        HMACSHA256.HashData(secret.Key, (byte[])[.. Encoding.ASCII.GetBytes("key-id:"), .. entry.Sha256])[..KeyIdBytes];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }
}
