namespace CreatorStream.Host.Composition;

/// <summary>
/// Console logging for every verb: one line per entry on standard error, as text or JSON (the built-in formatter, scopes
/// included: <c>campaign_id</c>, <c>topic</c>, <c>partition</c>). ASP.NET Core's request lines are off (Warning and
/// above only): they carry query strings, and the hub's key travels in <c>access_token</c>.
/// </summary>
public static class Logging
{
    public static ILoggerFactory Console(LogFormat format = LogFormat.Text) =>
        LoggerFactory.Create(b => b.AddCreatorStreamConsole(format));

    public static ILoggingBuilder AddCreatorStreamConsole(this ILoggingBuilder builder, LogFormat format)
    {
        if (format == LogFormat.Json)
        {
            builder.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
            });
        }

        // Everything to standard error: standard output is for what a verb prints (the run verb's URLs, reports).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
