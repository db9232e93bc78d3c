namespace CreatorStream.Host.Web;

/// <summary>
/// Refuses a hub connection (negotiate and WebSocket) without a valid credential before SignalR sees it: an API key in
/// the <c>X-Api-Key</c> header, or an unexpired hub token (<c>Authorization: Bearer</c>, or <c>access_token</c> on the
/// WebSocket URL). A key in the URL is not one: keys never travel there.
/// </summary>
public static class HubKeyGate
{
    public static IApplicationBuilder UseHubKeyGate(this IApplicationBuilder app, PathString hubPath) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(hubPath) && !context.RequestServices.GetRequiredService<CampaignAccess>().IsKnownKey(context))
            {
                await ApiError.Result(401, "a hub token (POST /api/hub-token with the X-Api-Key header) or an API key in the X-Api-Key header is required to connect").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
