namespace CreatorStream.Core.Configuration;

/// <summary>Configuration that cannot be used. <see cref="Field"/> names the offending field as a path (for example <c>campaigns[0].currency</c>).</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public ConfigurationException()
        : this("(unknown)", "invalid configuration")
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "(unknown)";
        Problem = message;
    }

    public ConfigurationException(string message)
        : this("(unknown)", message)
    {
    }

    public string Field { get; } = "(unknown)";

    public string Problem { get; } = "";
}
