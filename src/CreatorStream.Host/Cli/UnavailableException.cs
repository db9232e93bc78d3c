namespace CreatorStream.Host.Cli;

/// <summary>
/// Thrown when a verb cannot reach or use something it depends on (Kafka, Redis, its listen address). The message says
/// what, where, and what to check; the process exits with <see cref="ExitCodes.Unavailable"/>.
/// </summary>
public sealed class UnavailableException(string message, Exception? inner = null) : Exception(message, inner);
