namespace CreatorStream.Host.Web;

/// <summary>Refuses a hub connection (negotiate and WebSocket) whose key is missing or unknown, before SignalR sees it.</summary>
public static class HubKeyGate
{
    public static IApplicationBuilder UseHubKeyGate(this IApplicationBuilder app, PathString hubPath) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(hubPath) && !context.RequestServices.GetRequiredService<CampaignAccess>().IsKnownKey(context))
            {
                await ApiError.Result(401, "an API key for a campaign is required to connect").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
