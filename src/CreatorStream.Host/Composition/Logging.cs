namespace CreatorStream.Host.Composition;

/// <summary>Console logging for the verbs that run without the web host: one line per entry, on standard error.</summary>
public static class Logging
{
    public static ILoggerFactory Console() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft", LogLevel.Warning));
}
