namespace CreatorStream.Host.Web;

/// <summary>The body of every 4xx answer: a short error code and a reason a person can act on.</summary>
public sealed record ApiError(string Error, string Reason)
{
    public static IResult Result(int statusCode, string reason) =>
        Results.Json(new ApiError(statusCode switch { 400 => "bad_request", 401 => "unauthorized", 403 => "forbidden", 404 => "not_found", 409 => "conflict", 413 => "payload_too_large", 429 => "too_many_requests", _ => "error" }, reason), statusCode: statusCode);
}
