using System.Security.Cryptography;
using System.Text;
using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web.Tokens;

/// <summary>
/// The key that signs hub tokens (<see cref="HubTokens"/>). By default 32 random bytes made at start-up, so a token is
/// good only on the web role that issued it; several <c>web</c> instances behind a balancer that does not pin a
/// client's requests to one instance need the same secret, from <see cref="Variable"/> or a file
/// (<c>--hub-token-secret-file</c>), never from the command line (the process list would show it). Immutable; never
/// printed.
/// </summary>
public sealed class HubTokenSecret
{
    public const string Variable = "CREATORSTREAM_HUB_TOKEN_SECRET";

    /// <summary>A shared secret shorter than this is refused: it would be guessable offline from one token.</summary>
    public const int MinimumLength = 32;

    private HubTokenSecret(byte[] key, bool shared)
    {
        Key = key;
        IsShared = shared;
    }

    /// <summary>The HMAC-SHA256 key: the shared secret's SHA-256, or random bytes.</summary>
    internal byte[] Key { get; }

    /// <summary>True when the secret came from a file or the environment (tokens are good on every instance sharing it).</summary>
    public bool IsShared { get; }

    public static HubTokenSecret Random() => new(RandomNumberGenerator.GetBytes(32), shared: false);

    public static HubTokenSecret FromText(string secret) =>
        secret.Length >= MinimumLength
            ? new HubTokenSecret(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), shared: true)
            : throw new ConfigurationException("hub-token-secret", $"the hub token secret must be at least {MinimumLength} characters");

    /// <summary>The secret from <paramref name="path"/> (trimmed), else from <see cref="Variable"/>, else a random one.</summary>
    /// <exception cref="ConfigurationException">The file is missing, or a secret is too short.</exception>
    public static HubTokenSecret Load(string? path)
    {
        if (path is not null)
        {
            return File.Exists(path)
                ? FromText(File.ReadAllText(path).Trim())
                : throw new ConfigurationException("hub-token-secret-file", $"file '{path}' does not exist");
        }

        return Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? FromText(fromEnvironment) : Random();
    }

    public override string ToString() => IsShared ? "hub token secret (shared, hidden)" : "hub token secret (random, hidden)";
}
