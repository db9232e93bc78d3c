namespace CreatorStream.Host.Web;

/// <summary>Where the web role listens and what it serves. Immutable.</summary>
public sealed record WebOptions
{
    /// <summary>Listen addresses. Default <c>http://127.0.0.1:5080</c>: loopback only unless asked otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The built dashboard; default: <c>wwwroot</c> beside the executable.</summary>
    public string WebRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
