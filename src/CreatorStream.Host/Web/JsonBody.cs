using System.Text.Json;

namespace CreatorStream.Host.Web;

/// <summary>
/// A small JSON request body (a person's review or decision: a name, a figure, a reason), read whole up to a limit and
/// read as snake_case. Too large is a 413 and not JSON a 400, each with its reason, so no such body reaches a handler.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The body, or the answer to give instead.</summary>
    /// <param name="context">The request.</param>
    /// <param name="maxBytes">The largest body taken.</param>
    /// <param name="shape">What the body should look like, said in the 400.</param>
    /// <param name="whenEmpty">What an empty body means; null when it is refused like any body that is not JSON.</param>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpContext context, int maxBytes, string shape, T? whenEmpty = null)
        where T : class
    {
        var tooLarge = ApiError.Result(413, $"the body is larger than {maxBytes} bytes");
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length && await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted) is var n && n > 0)
        {
            read += n;
        }

        if (read > maxBytes)
        {
            return (null, tooLarge);
        }

        if (read == 0 && whenEmpty is not null)
        {
            return (whenEmpty, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), Options) ?? throw new JsonException("null"), null);
        }
        catch (JsonException)
        {
            return (null, ApiError.Result(400, $"the body must be a JSON object: {shape}"));
        }
    }
}
