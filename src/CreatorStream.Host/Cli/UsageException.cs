namespace CreatorStream.Host.Cli;

/// <summary>A command line that cannot be run as given; the message names the option and says what to do. Exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
